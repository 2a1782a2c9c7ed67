import { useMemo } from 'react';
import { diffStats, diffText } from '../resources/yamlDiff';

interface YamlDiffProps {
  before: string;
  after: string;
  label: string;
  testId?: string;
}

/** A unified line diff of two YAML texts: removed lines red, added lines green, some context around. */
export function YamlDiff({ before, after, label, testId = 'yaml-diff' }: YamlDiffProps) {
  const hunks = useMemo(() => diffText(before, after), [before, after]);
  const stats = diffStats(hunks);
  if (hunks.length === 0) {
    return (
      <p className="muted" data-testid={testId}>
        No changes.
      </p>
    );
  }
  return (
    <figure className="yaml-diff" data-testid={testId}>
      <figcaption>
        {label}{' '}
        <span className="diff-stats">
          <span className="diff-added">+{stats.added}</span>{' '}
          <span className="diff-removed">−{stats.removed}</span>
        </span>
      </figcaption>
      {hunks.map((hunk) => (
        <div key={hunk.header} className="diff-hunk">
          <div className="diff-hunk-header">{hunk.header}</div>
          {hunk.lines.map((line) => (
            <div
              key={`${line.oldLine ?? ''}:${line.newLine ?? ''}:${line.kind}`}
              className={`diff-line ${line.kind}`}
            >
              <span className="diff-gutter">{line.oldLine ?? ''}</span>
              <span className="diff-gutter">{line.newLine ?? ''}</span>
              <span className="diff-text">
                {line.kind === 'add' ? '+' : line.kind === 'remove' ? '-' : ' '}
                {line.text}
              </span>
            </div>
          ))}
        </div>
      ))}
    </figure>
  );
}
