import type { HTTPRoute } from '@shadowmesh/api';
import { useState } from 'react';
import { FieldMessages } from '../components/FieldMessages';
import type { FieldMessage } from '../resources/fieldMessages';
import type { ServiceSummary } from '../services/serviceIndex';
import type { DestinationChoices } from './destinationChoices';
import { fieldKey } from './editorFields';
import { MirrorSection } from './MirrorSection';
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
  choices: DestinationChoices;
  /** What a route is called: `Route` (VirtualService `http`) or `Rule` (HTTPRoute `rules`). */
  noun: string;
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
  choices,
  noun,
  namespace,
  byField,
  dispatch,
}: RouteEditorProps) {
  const [adding, setAdding] = useState('');
  const title = routeTitle(route, index, noun);
  const headingId = `route-${index}-title`;
  const destinations = route.route ?? [];
  const weights = effectiveWeights(route);
  const unlocked = locks.filter((l) => !l).length;
  const missing = choices.addable(route);
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
                aria-label={choices.addLabel}
                value={adding}
                onChange={(event) => setAdding(event.target.value)}
              >
                <option value="">{choices.addPrompt}</option>
                {missing.map((m) => (
                  <option key={m.value} value={m.value}>
                    {m.label}
                  </option>
                ))}
              </select>
              <button
                type="button"
                disabled={!missing.some((m) => m.value === adding)}
                onClick={() => {
                  const chosen = missing.find((m) => m.value === adding);
                  if (chosen)
                    dispatch({ type: 'addDestination', route: index, destination: chosen.destination });
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
            choices={choices}
            namespace={namespace}
            byField={byField}
            dispatch={dispatch}
          />
        </>
      )}
    </section>
  );
}
