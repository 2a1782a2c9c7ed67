import type { HTTPRoute } from '@shadowmesh/api';
import type { FieldMessage } from '../resources/fieldMessages';
import type { DestinationChoices } from './destinationChoices';
import { fieldKey } from './editorFields';
import { MirrorRow } from './MirrorRow';
import { readMirrors } from './routeMirrors';
import type { TrafficAction } from './trafficEditorState';

interface MirrorSectionProps {
  route: HTTPRoute;
  routeIndex: number;
  choices: DestinationChoices;
  namespace: string;
  byField: ReadonlyMap<string, FieldMessage[]>;
  dispatch: (action: TrafficAction) => void;
}

/** The new mirror's starting percentage: a small share, raised on purpose. */
const NEW_MIRROR_PERCENTAGE = 10;

/** The mirrors of one route: copies of its requests sent fire-and-forget to another version. */
export function MirrorSection({
  route,
  routeIndex,
  choices,
  namespace,
  byField,
  dispatch,
}: MirrorSectionProps) {
  const mirrors = readMirrors(route);
  return (
    <div className="mirror-section">
      <h4>Mirrors</h4>
      {mirrors.length === 0 && (
        <p className="muted">No mirror: no shadow copies of these requests are sent.</p>
      )}
      <ul className="rows">
        {mirrors.map((mirror, k) => (
          <MirrorRow
            // Mirrors have no identity of their own but their position.
            // biome-ignore lint/suspicious/noArrayIndexKey: the position is the identity (spec.http[i].mirrors[k]).
            key={k}
            mirror={mirror}
            fieldId={`mirror-${routeIndex}-${k}`}
            targets={choices.mirrorTargets}
            subsets={choices.subsets}
            namespace={namespace}
            percentageMessages={byField.get(
              fieldKey({ kind: 'mirrorPercentage', route: routeIndex, mirror: k }),
            )}
            targetMessages={byField.get(fieldKey({ kind: 'mirrorTarget', route: routeIndex, mirror: k }))}
            onPercentage={(value) =>
              dispatch({ type: 'setMirrorPercentage', route: routeIndex, mirror: k, value })
            }
            onTarget={(destination) =>
              dispatch({ type: 'setMirrorTarget', route: routeIndex, mirror: k, destination })
            }
            onRemove={() => dispatch({ type: 'removeMirror', route: routeIndex, mirror: k })}
          />
        ))}
      </ul>
      <button
        type="button"
        onClick={() =>
          dispatch({
            type: 'addMirror',
            route: routeIndex,
            mirror: {
              destination: choices.defaultMirror(route),
              percentage: NEW_MIRROR_PERCENTAGE,
            },
          })
        }
      >
        Add mirror
      </button>
    </div>
  );
}
