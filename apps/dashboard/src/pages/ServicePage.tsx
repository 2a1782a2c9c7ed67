import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorNotice } from '../components/ErrorNotice';
import { comparisonPath, flowsLink } from '../flows/flowLinks';
import { CreateVirtualService } from '../services/CreateVirtualService';
import { ServiceConfig } from '../services/ServiceConfig';
import { useServiceIndex } from '../services/useServiceIndex';
import { EditedVirtualService } from '../traffic/EditedVirtualService';

/** `/namespaces/{namespace}/services/{name}`: a service's config and its traffic editor (`?vs=` picks one). */
export function ServicePage() {
  const { namespace = 'default', name = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { services, isPending, error } = useServiceIndex();
  const service = services.find((s) => s.namespace === namespace && s.name === name);
  const heading = (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link to="/services">Services</Link> / {namespace} /
    </nav>
  );
  if (error) return <ErrorNotice error={error} />;
  if (isPending) return <p className="muted">Loading…</p>;
  if (!service) {
    return (
      <section className="page">
        {heading}
        <h1>{name}</h1>
        <p className="muted">
          There is no service {name} in namespace {namespace}: no Service object and no rule names it.
        </p>
      </section>
    );
  }
  const chosen = params.get('vs');
  const virtualService =
    service.virtualServices.find((vs) => vs.metadata.name === chosen) ?? service.virtualServices[0];
  return (
    <section className="page service-page">
      {heading}
      <h1>{service.name}</h1>
      <ul className="plain-list service-links">
        {service.hasMirror && (
          <li>
            <Link to={comparisonPath(namespace, service.name)}>Compare primary and shadow</Link>
          </li>
        )}
        <li>
          <Link to={flowsLink({ namespace, service: service.name })}>Flows of {service.name}</Link>
        </li>
      </ul>
      <ServiceConfig service={service} />
      {service.virtualServices.length > 1 && (
        <label className="vs-picker">
          VirtualService to edit{' '}
          <select
            value={virtualService?.metadata.name ?? ''}
            onChange={(event) => setParams({ vs: event.target.value }, { replace: true })}
          >
            {service.virtualServices.map((vs) => (
              <option key={vs.metadata.name} value={vs.metadata.name}>
                {vs.metadata.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {virtualService ? (
        <EditedVirtualService
          key={`${virtualService.metadata.namespace}/${virtualService.metadata.name}`}
          listed={virtualService}
          service={service}
          services={services}
        />
      ) : (
        <CreateVirtualService service={service} />
      )}
    </section>
  );
}
