import { Link } from 'react-router';
import type { ServiceSummary } from './serviceIndex';
import { servicePath } from './servicePath';

/** The services list: name, namespace, ports, routing rules and what they do. */
export function ServiceTable({ services }: { services: readonly ServiceSummary[] }) {
  return (
    <table className="data-table" aria-label="Services">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Namespace</th>
          <th scope="col">Ports</th>
          <th scope="col">Subsets</th>
          <th scope="col">Routing</th>
        </tr>
      </thead>
      <tbody>
        {services.map((s) => (
          <tr key={s.fqdn}>
            <td>
              <Link to={servicePath(s.namespace, s.name)}>{s.name}</Link>
              {!s.service && (
                <span className="badge muted-badge" title="No Service object: only rules name this host">
                  rules only
                </span>
              )}
            </td>
            <td>{s.namespace}</td>
            <td>{s.service?.spec.ports?.map((p) => p.port).join(', ') ?? '—'}</td>
            <td>{s.subsets.length > 0 ? s.subsets.join(', ') : '—'}</td>
            <td>
              {s.virtualServices.length === 0 && <span className="muted">none</span>}
              {s.hasWeights && <span className="badge weights-badge">weighted</span>}
              {s.hasMirror && <span className="badge mirror-badge">mirror</span>}
              {s.virtualServices.length > 0 && !s.hasWeights && !s.hasMirror && (
                <span className="badge">routed</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
