import { kindByPlural } from '@shadowmesh/api';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { analyzeQuery, resourceQuery } from '../api/queries';
import { ErrorNotice } from '../components/ErrorNotice';
import { CodeEditor } from '../resources/CodeEditor';
import { FindingsList } from '../resources/FindingsList';
import { HistoryPanel } from '../resources/HistoryPanel';
import { kindLabel } from '../resources/kindLabel';
import { StatusBadge } from '../resources/StatusBadge';
import { objectKey, statusByObject, VALID } from '../resources/validationStatus';
import { YamlEditorPanel } from '../resources/YamlEditorPanel';
import { resourceYaml } from '../resources/yamlText';

const TABS = [
  { id: 'yaml', label: 'YAML' },
  { id: 'edit', label: 'Edit' },
  { id: 'history', label: 'History' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** `/config/{plural}/{namespace}/{name}`: one object's YAML, editor and history (`?tab=`). */
export function ConfigObjectPage() {
  const { plural = '', namespace = 'default', name = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const info = kindByPlural(plural);
  const object = useQuery({ ...resourceQuery(plural, namespace, name), enabled: info !== undefined });
  const analysis = useQuery(analyzeQuery());
  const tab: TabId = TABS.find((t) => t.id === params.get('tab'))?.id ?? 'yaml';
  if (!info) return <ErrorNotice error={new Error(`Unknown resource type "${plural}"`)} />;
  const status =
    statusByObject(analysis.data?.findings ?? []).get(objectKey(info.kind, namespace, name)) ?? VALID;
  return (
    <section className="page config-object-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/config">Config</Link> / <Link to={`/config?kind=${plural}`}>{kindLabel(info)}</Link> /{' '}
        {namespace} /
      </nav>
      <h1>
        {name} <span className="muted kind-label">{kindLabel(info)}</span>
      </h1>
      {object.error && <ErrorNotice error={object.error} />}
      {object.isPending && <p className="muted">Loading…</p>}
      {object.data && (
        <>
          <p>
            <StatusBadge status={status} />{' '}
            <span className="muted">resourceVersion {object.data.metadata.resourceVersion}</span>
          </p>
          <div role="tablist" aria-label="Views" className="tabs">
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                aria-selected={tab === t.id}
                className={tab === t.id ? 'tab active' : 'tab'}
                onClick={() => setParams({ tab: t.id }, { replace: true })}
              >
                {t.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" aria-label={TABS.find((t) => t.id === tab)?.label}>
            {tab === 'yaml' && (
              <>
                <CodeEditor
                  label={`YAML of ${kindLabel(info)} ${name}`}
                  value={resourceYaml(object.data)}
                  readOnly
                  testId="yaml-view"
                />
                <h2>Findings</h2>
                <FindingsList findings={status.findings} />
              </>
            )}
            {tab === 'edit' && (
              <YamlEditorPanel object={object.data} objectRef={{ plural, namespace, name }} />
            )}
            {tab === 'history' && <HistoryPanel object={object.data} namespace={namespace} />}
          </div>
        </>
      )}
    </section>
  );
}
