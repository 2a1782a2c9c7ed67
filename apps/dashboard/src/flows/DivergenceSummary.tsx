import type { MirrorDivergence } from '@shadowmesh/api';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { divergenceQuery } from '../api/queries';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatPercent } from '../graph/graphFormat';
import { DIVERGENCE_GLYPH } from '../graph/graphLabels';
import { flowsLink } from './flowLinks';

function targetText(d: MirrorDivergence): string {
  const host = d.target.service.split('.')[0] ?? d.target.service;
  return d.target.subset ? `${host} ${d.target.subset}` : host;
}

function EdgeDivergence({ item, service }: { item: MirrorDivergence; service: string }) {
  const filter = { namespace: item.namespace, service };
  return (
    <section className="divergence-edge" data-testid="divergence-edge" data-ratio={item.ratio}>
      <h3>
        {item.source.workload} → {targetText(item)}
        {item.route && <span className="muted small"> · route {item.route}</span>}
      </h3>
      <p>
        <strong className={item.divergent > 0 ? 'flow-result divergent' : 'flow-result equal'}>
          {item.divergent > 0 ? `${DIVERGENCE_GLYPH} ` : ''}
          {formatPercent(item.ratio)} diverge
        </strong>{' '}
        <span className="muted">
          ({item.divergent} of {item.compared} compared pairs; {item.incomparable} copies got no answer)
        </span>
      </p>
      {item.fields.length > 0 ? (
        <table className="data-table" aria-label="Top divergent fields">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Pairs</th>
              <th scope="col">Ratio</th>
              <th scope="col">Example flows</th>
            </tr>
          </thead>
          <tbody>
            {item.fields.map((f) => (
              <tr key={`${f.kind}:${f.field}`} data-testid="divergent-field" data-field={f.field}>
                <td>
                  <span className="badge muted-badge">{f.kind}</span> <code>{f.field}</code>
                </td>
                <td>{f.count}</td>
                <td>{formatPercent(f.ratio)}</td>
                <td>
                  {f.examples.map((id, i) => (
                    <span key={id}>
                      {i > 0 && ', '}
                      <Link to={flowsLink(filter, id)} aria-label={`Example flow ${i + 1} of ${f.field}`}>
                        {i + 1}
                      </Link>
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted small">No field differs.</p>
      )}
      {item.volatileFields.length > 0 && (
        <p className="muted small">
          Not counted (volatile, they differ between primaries too):{' '}
          {item.volatileFields.map((f) => (
            <code key={f} className="volatile-field">
              {f}
            </code>
          ))}
        </p>
      )}
    </section>
  );
}

/** How the copies of each mirror edge of a service compare with their primaries. */
export function DivergenceSummary({ namespace, service }: { namespace: string; service: string }) {
  const { data, error, isPending } = useQuery(divergenceQuery(namespace, service));
  return (
    <section className="divergence-summary" aria-label="Divergence">
      <h2>Divergence</h2>
      {error && <ErrorNotice error={error} />}
      {isPending && <p className="muted">Loading…</p>}
      {data && data.items.length === 0 && (
        <p className="muted">
          No compared pairs yet: flows are compared when both the primary and its shadow copy are captured.
        </p>
      )}
      {data?.items.map((item) => (
        <EdgeDivergence
          key={`${item.source.namespace}/${item.source.workload}/${item.route ?? ''}/${item.target.service}/${item.target.subset ?? ''}`}
          item={item}
          service={service}
        />
      ))}
    </section>
  );
}
