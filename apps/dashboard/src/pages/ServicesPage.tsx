import { ErrorNotice } from '../components/ErrorNotice';
import { useFilterParams } from '../components/useFilterParams';
import { ServiceTable } from '../services/ServiceTable';
import { useServiceIndex } from '../services/useServiceIndex';

/** Every service in the mesh; the namespace filter and the search live in the URL (`?namespace=&q=`). */
export function ServicesPage() {
  const { services, isPending, error } = useServiceIndex();
  const [params, update] = useFilterParams();
  const namespace = params.get('namespace') ?? '';
  const q = params.get('q') ?? '';
  const namespaces = [...new Set(services.map((s) => s.namespace))];
  const shown = services.filter(
    (s) => (!namespace || s.namespace === namespace) && s.name.includes(q.trim().toLowerCase()),
  );
  return (
    <section className="page">
      <h1>Services</h1>
      <p className="muted">Every service in the mesh, with its routes, weights and mirrors.</p>
      <div className="filters">
        <label>
          Namespace{' '}
          <select value={namespace} onChange={(event) => update('namespace', event.target.value)}>
            <option value="">all</option>
            {namespaces.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Search <input type="search" value={q} onChange={(event) => update('q', event.target.value)} />
        </label>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {isPending && <p className="muted">Loading…</p>}
      {!isPending && !error && services.length === 0 && (
        <p className="muted">
          No services yet. Apply some with <code>shadowmesh apply -f services.yaml</code>.
        </p>
      )}
      {shown.length > 0 && <ServiceTable services={shown} />}
    </section>
  );
}
