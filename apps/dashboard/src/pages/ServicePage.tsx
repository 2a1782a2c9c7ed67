import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorNotice } from '../components/ErrorNotice';
import { comparisonPath, flowsLink } from '../flows/flowLinks';
import { CreateVirtualService } from '../services/CreateVirtualService';
import { ServiceConfig } from '../services/ServiceConfig';
import { useServiceIndex } from '../services/useServiceIndex';
import { EditedTrafficObject } from '../traffic/EditedTrafficObject';
import { type TrafficObject, trafficPlural } from '../traffic/trafficObject';

/** The URL parameter that picks the edited object of each kind. */
const PICK_PARAM = { virtualservices: 'vs', httproutes: 'httproute' } as const;

const pickKey = (object: TrafficObject) => `${trafficPlural(object)}/${object.metadata.name}`;

/**
 * `/namespaces/{namespace}/services/{name}`: a service's config and its traffic editor, on one of its
 * VirtualServices or Gateway API HTTPRoutes (`?vs=` or `?httproute=` picks one; the first VirtualService
 * by default).
 */
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
  const editable: TrafficObject[] = [...service.virtualServices, ...service.httpRoutes];
  const chosen =
    editable.find((o) => params.get(PICK_PARAM[trafficPlural(o)]) === o.metadata.name) ?? editable[0];
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
      {editable.length > 1 && (
        <label className="vs-picker">
          {service.httpRoutes.length > 0 ? 'Routing rule to edit' : 'VirtualService to edit'}{' '}
          <select
            value={chosen ? pickKey(chosen) : ''}
            onChange={(event) => {
              const next = editable.find((o) => pickKey(o) === event.target.value);
              if (next)
                setParams({ [PICK_PARAM[trafficPlural(next)]]: next.metadata.name }, { replace: true });
            }}
          >
            {editable.map((o) => (
              <option key={pickKey(o)} value={pickKey(o)}>
                {service.httpRoutes.length > 0 ? `${o.kind} ${o.metadata.name}` : o.metadata.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {chosen ? (
        <EditedTrafficObject
          key={`${pickKey(chosen)}/${chosen.metadata.namespace}`}
          listed={chosen}
          service={service}
          services={services}
        />
      ) : (
        <CreateVirtualService service={service} />
      )}
    </section>
  );
}
