import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { graphQuery } from '../api/queries';
import { useLiveStream } from '../api/useLiveStream';
import { ErrorNotice } from '../components/ErrorNotice';
import { useFilterParams } from '../components/useFilterParams';
import { comparisonEdges } from '../flows/comparisonEdges';
import { DivergenceSummary } from '../flows/DivergenceSummary';
import { EdgeColumn } from '../flows/EdgeColumn';
import { flowsLink } from '../flows/flowLinks';
import { DURATIONS, formatDuration, type GraphQueryView } from '../graph/graphView';
import { LiveIndicator } from '../graph/LiveIndicator';
import { servicePath } from '../services/servicePath';

const DEFAULT_DURATION = 300;

/**
 * `/namespaces/{namespace}/services/{name}/comparison`: the primary edge against the mirror edge of
 * a mirrored service — rate, errors and latency over time side by side — and how the shadow's
 * answers diverge, with example flows. `?duration=` (seconds) picks the window.
 */
export function ComparisonPage() {
  const { namespace = 'default', name = '' } = useParams();
  const [params, update] = useFilterParams();
  const asked = Number(params.get('duration'));
  const durationSeconds = DURATIONS.includes(asked) ? asked : DEFAULT_DURATION;
  const view = useMemo<GraphQueryView>(
    () => ({ graphType: 'versionedApp', namespaces: [namespace], durationSeconds }),
    [namespace, durationSeconds],
  );
  const status = useLiveStream(view);
  const { data, error, isPending } = useQuery(graphQuery(view));
  const edges = useMemo(
    () => (data ? comparisonEdges(data, namespace, name) : null),
    [data, namespace, name],
  );
  const primary = edges?.primary[0];
  return (
    <section className="page comparison-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/services">Services</Link> / {namespace} /{' '}
        <Link to={servicePath(namespace, name)}>{name}</Link> /
      </nav>
      <h1>Primary against shadow: {name}</h1>
      <div className="filters">
        <LiveIndicator status={status} />
        <label>
          Window{' '}
          <select value={durationSeconds} onChange={(event) => update('duration', event.target.value)}>
            {DURATIONS.map((d) => (
              <option key={d} value={d}>
                {formatDuration(d)}
              </option>
            ))}
          </select>
        </label>
        <Link to={flowsLink({ namespace, service: name })}>Flows of {name}</Link>
      </div>
      {error && <ErrorNotice error={error} />}
      {isPending && <p className="muted">Loading…</p>}
      {edges && edges.mirror.length === 0 && (
        <p className="empty-state">
          No mirror traffic of {name} in this window. Add a mirror in its{' '}
          <Link to={servicePath(namespace, name)}>traffic editor</Link>, then come back.
        </p>
      )}
      {edges && (primary || edges.mirror.length > 0) && (
        <div className="comparison-columns">
          {primary ? (
            <EdgeColumn
              key={primary.edge.id}
              title={`Primary → ${primary.target}`}
              compared={primary}
              durationSeconds={durationSeconds}
            />
          ) : (
            <p className="muted">No primary traffic in this window.</p>
          )}
          {edges.mirror.map((m) => (
            <EdgeColumn
              key={m.edge.id}
              title={`Shadow → ${m.target}`}
              compared={m}
              durationSeconds={durationSeconds}
            />
          ))}
        </div>
      )}
      <DivergenceSummary namespace={namespace} service={name} />
    </section>
  );
}
