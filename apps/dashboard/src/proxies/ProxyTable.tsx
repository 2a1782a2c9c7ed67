import type { ProxyStatus } from '@shadowmesh/api';
import { formatAge } from '../time/formatAge';
import { labelsText, SYNC_STATUS_HELP, sortProxies } from './proxyRows';
import { useNow } from './useNow';

/** Each proxy: workload, kind, addresses, config version sent/acked, sync status, last seen. */
export function ProxyTable({ statuses }: { statuses: readonly ProxyStatus[] }) {
  const now = useNow();
  return (
    <table className="data-table" aria-label="Proxies">
      <thead>
        <tr>
          <th scope="col">Proxy</th>
          <th scope="col">Workload</th>
          <th scope="col">Kind</th>
          <th scope="col">Inbound</th>
          <th scope="col">Config version</th>
          <th scope="col">Status</th>
          <th scope="col">Last seen</th>
        </tr>
      </thead>
      <tbody>
        {sortProxies(statuses).map((s) => (
          <tr key={s.proxy.id} data-testid="proxy-row" className={s.connected ? undefined : 'disconnected'}>
            <td>
              <code>{s.proxy.id}</code>
            </td>
            <td>
              {s.proxy.workload}.{s.proxy.namespace}
              <div className="muted small">{labelsText(s.proxy.labels)}</div>
            </td>
            <td>{s.proxy.kind}</td>
            <td>{s.proxy.inbound ?? s.proxy.listen ?? '—'}</td>
            <td>
              {s.ackedVersion ?? '—'}
              {s.sentVersion && s.sentVersion !== s.ackedVersion && (
                <span className="muted small"> (sent {s.sentVersion})</span>
              )}
            </td>
            <td>
              <span
                className={`sync-status ${s.status.replace(' ', '-').toLowerCase()}`}
                title={SYNC_STATUS_HELP[s.status]}
              >
                {s.status}
              </span>
              {s.nackError && <div className="field-message error small">{s.nackError}</div>}
            </td>
            <td title={new Date(s.lastSeen).toLocaleString()}>
              {s.connected ? formatAge(s.lastSeen, now) : `disconnected, ${formatAge(s.lastSeen, now)}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
