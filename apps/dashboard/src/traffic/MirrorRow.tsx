import type { Destination } from '@shadowmesh/api';
import { FieldMessages, worstLevel } from '../components/FieldMessages';
import { NumberField } from '../components/NumberField';
import type { FieldMessage } from '../resources/fieldMessages';
import { MirrorTargetPicker } from './MirrorTargetPicker';
import type { TargetOption } from './mirrorTargets';
import { destinationLabel, type MirrorEntry } from './routeMirrors';

interface MirrorRowProps {
  mirror: MirrorEntry;
  /** Base of element ids (`mirror-0-0`). */
  fieldId: string;
  targets: readonly TargetOption[];
  /** Offer subsets of the target (VirtualService) or only Services (HTTPRoute). */
  subsets: boolean;
  namespace: string;
  percentageMessages: readonly FieldMessage[] | undefined;
  targetMessages: readonly FieldMessage[] | undefined;
  onPercentage: (value: number) => void;
  onTarget: (destination: Destination) => void;
  onRemove: () => void;
}

/** One mirror of a route: its target, a percentage slider (0–100, step 0.1) with a number input, remove. */
export function MirrorRow({
  mirror,
  fieldId,
  targets,
  subsets,
  namespace,
  percentageMessages,
  targetMessages,
  onPercentage,
  onTarget,
  onRemove,
}: MirrorRowProps) {
  const label = destinationLabel(mirror.destination);
  const name = `Mirror percentage to ${label}`;
  const messagesId = `${fieldId}-percentage-messages`;
  const describedBy = percentageMessages && percentageMessages.length > 0 ? messagesId : undefined;
  const invalid = worstLevel(percentageMessages) === 'error';
  const shown = Math.min(100, Math.max(0, mirror.percentage));
  return (
    <li className="mirror-row" aria-label={`Mirror to ${label}`} data-testid={`row-${fieldId}`}>
      <MirrorTargetPicker
        idBase={fieldId}
        destination={mirror.destination}
        targets={targets}
        subsets={subsets}
        namespace={namespace}
        messages={targetMessages}
        onChange={onTarget}
      />
      <div className="mirror-percentage">
        <input
          type="range"
          className="slider mirror-slider"
          min={0}
          max={100}
          step={0.1}
          value={shown}
          aria-label={name}
          aria-valuetext={`${mirror.percentage}%`}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(event) => onPercentage(Number(event.target.value))}
        />
        <NumberField
          label={name}
          value={mirror.percentage}
          min={0}
          max={100}
          step={0.1}
          describedBy={describedBy}
          invalid={invalid}
          onCommit={onPercentage}
        />
        <span className="unit">%</span>
        <button
          type="button"
          className="link-button"
          aria-label={`Remove mirror to ${label}`}
          onClick={onRemove}
        >
          Remove
        </button>
      </div>
      <FieldMessages id={messagesId} messages={percentageMessages} />
    </li>
  );
}
