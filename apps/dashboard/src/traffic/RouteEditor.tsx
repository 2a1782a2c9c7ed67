import type { HTTPRoute } from '@shadowmesh/api';
import { useState } from 'react';
import { FieldMessages } from '../components/FieldMessages';
import type { FieldMessage } from '../resources/fieldMessages';
import { hostFor, type ServiceSummary } from '../services/serviceIndex';
import { fieldKey } from './editorFields';
import { MirrorSection } from './MirrorSection';
import { subsetsNotRouted } from './mirrorTargets';
import { describeMatch, nonForwardingReason, routeTitle, weightRowLabel } from './routeSummary';
import { effectiveWeights } from './routeWeights';
import type { TrafficAction } from './trafficEditorState';
import { WeightRow } from './WeightRow';
import { sumWeights } from './weights';

interface RouteEditorProps {
  route: HTTPRoute;
  index: number;
  locks: boolean[];
  service: ServiceSummary;
  services: readonly ServiceSummary[];
  namespace: string;
  byField: ReadonlyMap<string, FieldMessage[]>;
  dispatch: (action: TrafficAction) => void;
}

/** One HTTP route: its weighted destinations and its mirrors. */
export function RouteEditor({
  route,
  index,
  locks,
  service,
  services,
  namespace,
  byField,
  dispatch,
}: RouteEditorProps) {
  const [adding, setAdding] = useState('');
  const title = routeTitle(route, index);
  const headingId = `route-${index}-title`;
  const destinations = route.route ?? [];
  const weights = effectiveWeights(route);
  const unlocked = locks.filter((l) => !l).length;
  const missing = subsetsNotRouted(route, service, namespace);
  const reason = nonForwardingReason(route);
  return (
    <section className="route-editor" aria-labelledby={headingId} data-testid={`route-${index}`}>
      <h3 id={headingId}>
        {title} <span className="muted route-match">— {describeMatch(route)}</span>
      </h3>
      <FieldMessages
        id={`route-${index}-messages`}
        messages={byField.get(fieldKey({ kind: 'route', route: index }))}
      />
      {reason ? (
        <p className="muted">{reason}</p>
      ) : (
        <>
          <div className="route-toolbar">
            <h4>Destinations</h4>
            <span className="muted">
              total {sumWeights(weights)}%
              {destinations.length > 1 && sumWeights(weights) !== 100 && ' (moving a slider makes it 100)'}
            </span>
            {destinations.length > 1 && (
              <button type="button" onClick={() => dispatch({ type: 'evenly', route: index })}>
                Evenly distribute
              </button>
            )}
          </div>
          <ul className="rows">
            {destinations.map((d, j) => {
              const label = weightRowLabel(d.destination, service.fqdn, namespace);
              const locked = locks[j] ?? false;
              const messages = [
                ...(byField.get(fieldKey({ kind: 'weight', route: index, destination: j })) ?? []),
                ...(byField.get(fieldKey({ kind: 'destination', route: index, destination: j })) ?? []),
              ];
              return (
                <WeightRow
                  key={`${d.destination.host}|${d.destination.subset ?? ''}`}
                  label={label}
                  weight={weights[j] ?? 0}
                  locked={locked}
                  pinned={destinations.length === 1 || (!locked && unlocked <= 1)}
                  fieldId={`weight-${index}-${j}`}
                  messages={messages}
                  onWeight={(value) => dispatch({ type: 'setWeight', route: index, destination: j, value })}
                  onToggleLock={() => dispatch({ type: 'toggleLock', route: index, destination: j })}
                  onRemove={
                    destinations.length > 1
                      ? () => dispatch({ type: 'removeDestination', route: index, destination: j })
                      : undefined
                  }
                />
              );
            })}
          </ul>
          {missing.length > 0 && (
            <div className="add-destination">
              <select
                aria-label="Subset to add"
                value={adding}
                onChange={(event) => setAdding(event.target.value)}
              >
                <option value="">Add a subset…</option>
                {missing.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
              <button
                type="button"
                disabled={!adding}
                onClick={() => {
                  const host = hostFor(service, namespace);
                  dispatch({ type: 'addDestination', route: index, destination: { host, subset: adding } });
                  setAdding('');
                }}
              >
                Add destination
              </button>
            </div>
          )}
          <MirrorSection
            route={route}
            routeIndex={index}
            service={service}
            services={services}
            namespace={namespace}
            byField={byField}
            dispatch={dispatch}
          />
        </>
      )}
    </section>
  );
}
