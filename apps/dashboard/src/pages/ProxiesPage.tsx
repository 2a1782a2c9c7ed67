import { useQuery } from '@tanstack/react-query';
import { proxyStatusQuery } from '../api/queries';
import { ErrorNotice } from '../components/ErrorNotice';
import { ProxyTable } from '../proxies/ProxyTable';

/** Each sidecar and gateway, its config version and sync status (like `istioctl proxy-status`). */
export function ProxiesPage() {
  const { data, error, isPending } = useQuery(proxyStatusQuery());
  return (
    <section className="page">
      <h1>Proxies</h1>
      <p className="muted">Each sidecar and gateway, its config version and sync status.</p>
      {error && <ErrorNotice error={error} />}
      {isPending && <p className="muted">Loading…</p>}
      {data && data.length === 0 && (
        <p className="muted">
          No proxy is connected. Start one with{' '}
          <code>shadowmesh sidecar --control-plane URL --workload NAME …</code>.
        </p>
      )}
      {data && data.length > 0 && <ProxyTable statuses={data} />}
    </section>
  );
}
