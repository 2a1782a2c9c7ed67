import type { CapturedBody, FlowDifference } from '@shadowmesh/api';
import { type BodyView, bodyView, pairedBodyViews } from './bodyView';
import { IGNORED_TEXT } from './ignoredReason';

interface BodySide {
  label: string;
  body: CapturedBody | null;
  contentType: string | undefined;
}

interface BodyCompareProps {
  title: string;
  sides: readonly BodySide[];
  differences: readonly FlowDifference[];
}

function sizeText(body: CapturedBody): string {
  return body.truncated
    ? `first ${body.data.length} of ${body.size} bytes (cut at the capture limit)`
    : `${body.size} bytes`;
}

function BodyLines({ view }: { view: Extract<BodyView, { lines: unknown }> }) {
  return (
    <pre className="body-lines">
      {view.lines.map((line, i) => {
        const mark = line.mark;
        const className = mark ? `body-line ${mark.kind}` : 'body-line';
        return (
          <span
            // Lines have no identity of their own but their place; the list is rebuilt whole.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above.
            key={i}
            className={className}
            data-mark={mark?.kind}
            title={mark?.kind === 'ignored' ? IGNORED_TEXT[mark.because] : undefined}
          >
            {line.text}
            {'\n'}
          </span>
        );
      })}
    </pre>
  );
}

function Side({ side, view }: { side: BodySide; view: BodyView }) {
  return (
    <figure className="body-side" data-testid="body-side">
      <figcaption>
        {side.label}
        {view.kind !== 'none' && (
          <span className="muted small">
            {' '}
            · {view.kind} · {sizeText(view.body)}
          </span>
        )}
      </figcaption>
      {view.kind === 'none' && <p className="muted small">No body captured.</p>}
      {view.kind === 'binary' && (
        <p className="muted small">
          Binary body, compared by hash: <code>{view.body.sha256.slice(0, 16)}…</code>
        </p>
      )}
      {(view.kind === 'json' || view.kind === 'text') && <BodyLines view={view} />}
    </figure>
  );
}

/** Bodies side by side, the differing JSON fields or text lines highlighted (ignored ones greyed). */
export function BodyCompare({ title, sides, differences }: BodyCompareProps) {
  const [first, second] = sides;
  const views =
    first && second
      ? pairedBodyViews(first, second, differences)
      : sides.map((side) => bodyView(side.body, side.contentType, differences));
  return (
    <section className="body-compare" aria-label={title}>
      <h4>{title}</h4>
      <div className="body-sides">
        {sides.map((side, i) => (
          <Side key={side.label} side={side} view={views[i] ?? { kind: 'none' }} />
        ))}
      </div>
    </section>
  );
}
