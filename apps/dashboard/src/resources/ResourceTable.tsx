import { Link } from 'react-router';
import { configObjectPath } from '../services/servicePath';
import { kindLabel } from './kindLabel';
import { StatusBadge } from './StatusBadge';
import type { ConfigRow } from './useConfigObjects';

/** Stored objects: kind, namespace, name (to its page), validation status and resourceVersion. */
export function ResourceTable({ rows }: { rows: readonly ConfigRow[] }) {
  return (
    <table className="data-table" aria-label="Resources">
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col">Namespace</th>
          <th scope="col">Name</th>
          <th scope="col">Validation</th>
          <th scope="col">Revision</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.info.kind}/${row.namespace}/${row.resource.metadata.name}`}>
            <td>{kindLabel(row.info)}</td>
            <td>{row.namespace}</td>
            <td>
              <Link to={configObjectPath(row.info.plural, row.namespace, row.resource.metadata.name)}>
                {row.resource.metadata.name}
              </Link>
            </td>
            <td>
              <StatusBadge status={row.status} />
            </td>
            <td>{row.resource.metadata.resourceVersion ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
