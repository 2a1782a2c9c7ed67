import { BADGES, MIRROR_GLYPH } from './graphLabels';
import { COLORS } from './graphStyles';

const SWATCHES = [
  { color: COLORS.healthy, text: 'healthy' },
  { color: COLORS.degraded, text: 'degraded (errors above 0.1 %)' },
  { color: COLORS.failure, text: 'failing (errors above 20 %)' },
  { color: COLORS.idle, text: 'idle (no requests)' },
];

/** How to read the drawing: shapes, colours, mirror edges, badges. */
export function GraphLegend() {
  return (
    <details className="graph-legend">
      <summary>Legend</summary>
      <ul className="plain-list legend-list">
        <li>
          ▲ service · ▬ app (version) · ● workload · ◆ gateway · ⯃ unknown · dashed box: an app's versions
        </li>
        <li>
          Edges: width grows with the rate; colour is health:{' '}
          {SWATCHES.map((s) => (
            <span key={s.text} className="legend-swatch">
              <span className="swatch" style={{ background: s.color }} aria-hidden="true" /> {s.text}
            </span>
          ))}
        </li>
        <li>
          <span className="swatch dashed" style={{ borderColor: COLORS.mirror }} aria-hidden="true" />{' '}
          {MIRROR_GLYPH} mirror: shadow copies of requests (dashed purple), with their own rate, errors and
          p95. Weighted routes read “configured % / obs observed share”.
        </li>
        <li>
          Service badges:{' '}
          {BADGES.map((b) => (
            <span key={b.key} className="legend-badge">
              {b.glyph} {b.name}
            </span>
          ))}
        </li>
        <li>Keys on the focused graph: + and − zoom, 0 fits, arrows pan.</li>
      </ul>
    </details>
  );
}
