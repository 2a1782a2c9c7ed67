import type { MeshResource } from '@shadowmesh/api';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { historyQuery } from '../api/queries';
import { useRollback } from '../api/useResourceMutations';
import { ErrorNotice } from '../components/ErrorNotice';
import { YamlDiff } from '../components/YamlDiff';
import { resourceYaml } from './yamlText';

interface HistoryPanelProps {
  object: MeshResource;
  namespace: string;
}

const yamlOf = (resource: MeshResource | null) => (resource ? resourceYaml(resource) : '');

/** Every revision of one object, newest first; the selected one (`?rev=`) as a diff, with rollback. */
export function HistoryPanel({ object, namespace }: HistoryPanelProps) {
  const { kind } = object;
  const name = object.metadata.name;
  const history = useQuery(historyQuery(kind, namespace, name));
  const rollback = useRollback();
  const [params, setParams] = useSearchParams();
  const items = history.data?.items ?? [];
  const newest = items[0];
  const selected = items.find((r) => String(r.revision) === params.get('rev')) ?? newest;
  const select = (revision: number) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('rev', String(revision));
        return next;
      },
      { replace: true },
    );
  if (history.error) return <ErrorNotice error={history.error} />;
  if (history.isPending) return <p className="muted">Loading history…</p>;
  return (
    <section className="history-panel" aria-label="History">
      <table className="data-table" aria-label="Revisions">
        <thead>
          <tr>
            <th scope="col">Revision</th>
            <th scope="col">When</th>
            <th scope="col">Change</th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr
              key={r.revision}
              className={r === selected ? 'selected' : undefined}
              aria-selected={r === selected}
            >
              <td>
                <button type="button" className="link-button" onClick={() => select(r.revision)}>
                  Revision {r.revision}
                </button>
              </td>
              <td>{new Date(r.at).toLocaleString()}</td>
              <td>
                {r.operation}
                {r.rollbackOf !== null && <span className="muted"> (rollback to {r.rollbackOf})</span>}
              </td>
              <td>
                {r.client}
                {r.tokenId && <span className="muted"> {r.tokenId}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {selected && (
        <div className="revision-detail">
          <YamlDiff
            before={yamlOf(selected.before)}
            after={yamlOf(selected.after)}
            label={`Revision ${selected.revision}: ${selected.operation}`}
            testId="revision-diff"
          />
          {selected !== newest && (
            <div className="button-row">
              <button
                type="button"
                disabled={rollback.isPending}
                onClick={() => rollback.mutate({ revision: selected.revision, kind, namespace, name })}
              >
                Roll back to revision {selected.revision}
              </button>
              <span className="muted">
                puts {name} back as it was right after that revision (a new revision itself)
              </span>
            </div>
          )}
          {rollback.data && (
            <p role="status" className="muted">
              Rolled back to revision {rollback.data.rollbackOf}: now at revision {rollback.data.revision}.
            </p>
          )}
          {rollback.error && <ErrorNotice error={rollback.error} />}
        </div>
      )}
    </section>
  );
}
