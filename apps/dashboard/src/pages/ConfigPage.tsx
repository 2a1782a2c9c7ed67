import { KINDS } from '@shadowmesh/api';
import { Link } from 'react-router';
import { ErrorNotice } from '../components/ErrorNotice';
import { useFilterParams } from '../components/useFilterParams';
import { kindLabel } from '../resources/kindLabel';
import { ResourceTable } from '../resources/ResourceTable';
import { useConfigObjects } from '../resources/useConfigObjects';

const STATES = ['error', 'warning', 'info', 'valid'] as const;

/** Every stored object with its validation status; filters in the URL (`?kind=&namespace=&status=&q=`). */
export function ConfigPage() {
  const { rows, isPending, error } = useConfigObjects();
  const [params, update] = useFilterParams();
  const kind = params.get('kind') ?? '';
  const namespace = params.get('namespace') ?? '';
  const status = params.get('status') ?? '';
  const q = (params.get('q') ?? '').trim().toLowerCase();
  const namespaces = [...new Set(rows.map((r) => r.namespace))].sort();
  const shown = rows.filter(
    (r) =>
      (!kind || r.info.plural === kind) &&
      (!namespace || r.namespace === namespace) &&
      (!status || r.status.state === status) &&
      r.resource.metadata.name.includes(q),
  );
  return (
    <section className="page">
      <h1>Config</h1>
      <p className="muted">
        Every VirtualService, DestinationRule, Gateway, HTTPRoute and the rest, with validation status and
        history.{' '}
        <Link to={`/config/new?kind=${kind || 'httproutes'}${namespace ? `&namespace=${namespace}` : ''}`}>
          New from YAML
        </Link>
      </p>
      <div className="filters">
        <label>
          Kind{' '}
          <select value={kind} onChange={(event) => update('kind', event.target.value)}>
            <option value="">all</option>
            {KINDS.map((k) => (
              <option key={k.plural} value={k.plural}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </label>
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
          Status{' '}
          <select value={status} onChange={(event) => update('status', event.target.value)}>
            <option value="">any</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Search{' '}
          <input
            type="search"
            value={params.get('q') ?? ''}
            onChange={(event) => update('q', event.target.value)}
          />
        </label>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {isPending && <p className="muted">Loading…</p>}
      {!isPending && rows.length === 0 && (
        <p className="muted">
          Nothing stored yet. Apply config with <code>shadowmesh apply -f FILE</code>.
        </p>
      )}
      {shown.length > 0 && <ResourceTable rows={shown} />}
      {!isPending && rows.length > 0 && shown.length === 0 && (
        <p className="muted">Nothing matches these filters.</p>
      )}
    </section>
  );
}
