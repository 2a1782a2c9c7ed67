import type { FlowDifference } from '@shadowmesh/api';
import { IGNORED_TEXT } from './ignoredReason';

function valueText(value: unknown): string {
  if (value === undefined) return 'absent';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Every difference of one comparison: counted ones first, then the ignored ones greyed with why. */
export function DifferenceList({ differences }: { differences: readonly FlowDifference[] }) {
  if (differences.length === 0) return <p className="muted small">No differences.</p>;
  const ordered = [...differences.filter((d) => !d.ignored), ...differences.filter((d) => d.ignored)];
  return (
    <ul className="difference-list" aria-label="Differences">
      {ordered.map((d) => (
        <li
          key={`${d.kind}:${d.field}`}
          className={d.ignored ? 'difference ignored' : 'difference'}
          data-testid="difference"
          data-field={d.field}
          data-ignored={d.ignored ?? ''}
        >
          <span className="badge muted-badge">{d.kind}</span> <code>{d.field}</code>:{' '}
          <span className="primary-value">{valueText(d.primary)}</span> →{' '}
          <span className="shadow-value">{valueText(d.shadow)}</span>
          {d.ignored && <span className="small"> ({IGNORED_TEXT[d.ignored]})</span>}
        </li>
      ))}
    </ul>
  );
}
