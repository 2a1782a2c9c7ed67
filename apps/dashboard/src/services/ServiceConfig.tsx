import { Link } from 'react-router';
import type { ServiceSummary } from './serviceIndex';
import { configObjectPath } from './servicePath';

const labelsText = (labels: Record<string, string> | undefined) =>
  Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ') || '—';

/** What configures a service: its Service, VirtualServices, HTTPRoutes and DestinationRule subsets. */
export function ServiceConfig({ service }: { service: ServiceSummary }) {
  return (
    <section className="service-config" aria-labelledby="service-config-title">
      <h2 id="service-config-title">Config</h2>
      <dl className="facts">
        <dt>Service</dt>
        <dd>
          {service.service ? (
            <>
              <Link to={configObjectPath('services', service.namespace, service.name)}>{service.name}</Link>{' '}
              <span className="muted">
                ports {service.service.spec.ports?.map((p) => p.port).join(', ') ?? '—'}, selector{' '}
                {labelsText(service.service.spec.selector)}
              </span>
            </>
          ) : (
            <span className="muted">No Service object: only routing rules name {service.fqdn}.</span>
          )}
        </dd>
        <dt>VirtualServices</dt>
        <dd>
          {service.virtualServices.length === 0 && <span className="muted">none</span>}
          {service.virtualServices.map((vs) => (
            <Link
              key={`${vs.metadata.namespace}/${vs.metadata.name}`}
              className="chip"
              to={configObjectPath('virtualservices', vs.metadata.namespace ?? 'default', vs.metadata.name)}
            >
              {vs.metadata.name}
            </Link>
          ))}
        </dd>
        {/* Gateway API routes are listed when there are some (most meshes use VirtualServices only). */}
        {service.httpRoutes.length > 0 && (
          <>
            <dt>HTTPRoutes</dt>
            <dd>
              {service.httpRoutes.map((route) => (
                <Link
                  key={`${route.metadata.namespace}/${route.metadata.name}`}
                  className="chip"
                  to={configObjectPath(
                    'httproutes',
                    route.metadata.namespace ?? 'default',
                    route.metadata.name,
                  )}
                >
                  {route.metadata.name}
                </Link>
              ))}
            </dd>
          </>
        )}
      </dl>
      <h3>DestinationRule subsets</h3>
      {service.destinationRules.length === 0 ? (
        <p className="muted">No DestinationRule defines subsets for this service.</p>
      ) : (
        <table className="data-table" aria-label="Subsets">
          <thead>
            <tr>
              <th scope="col">Subset</th>
              <th scope="col">Labels</th>
              <th scope="col">DestinationRule</th>
            </tr>
          </thead>
          <tbody>
            {service.destinationRules.flatMap((dr) =>
              (dr.spec.subsets ?? []).map((subset) => (
                <tr key={`${dr.metadata.name}/${subset.name}`}>
                  <td>{subset.name}</td>
                  <td>
                    <code>{labelsText(subset.labels)}</code>
                  </td>
                  <td>
                    <Link
                      to={configObjectPath(
                        'destinationrules',
                        dr.metadata.namespace ?? 'default',
                        dr.metadata.name,
                      )}
                    >
                      {dr.metadata.name}
                    </Link>
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
