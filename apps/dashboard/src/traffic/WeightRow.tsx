import { FieldMessages, worstLevel } from '../components/FieldMessages';
import { NumberField } from '../components/NumberField';
import type { FieldMessage } from '../resources/fieldMessages';

interface WeightRowProps {
  /** `subset v1`: the slider is "Weight of subset v1". */
  label: string;
  weight: number;
  locked: boolean;
  /** The row cannot move (the only destination, or the only unlocked one). */
  pinned: boolean;
  /** Base of element ids (`weight-0-1`). */
  fieldId: string;
  messages: readonly FieldMessage[] | undefined;
  onWeight: (value: number) => void;
  onToggleLock: () => void;
  onRemove?: (() => void) | undefined;
}

/** One destination of a route: a weight slider, its number input, a lock, and remove. */
export function WeightRow({
  label,
  weight,
  locked,
  pinned,
  fieldId,
  messages,
  onWeight,
  onToggleLock,
  onRemove,
}: WeightRowProps) {
  const name = `Weight of ${label}`;
  const messagesId = `${fieldId}-messages`;
  const describedBy = messages && messages.length > 0 ? messagesId : undefined;
  const invalid = worstLevel(messages) === 'error';
  return (
    <li className="weight-row" data-testid={`row-${fieldId}`}>
      <span className="row-label">{label}</span>
      <input
        type="range"
        className="slider"
        min={0}
        max={100}
        step={1}
        value={weight}
        aria-label={name}
        aria-valuetext={`${weight}%`}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        disabled={locked || pinned}
        onChange={(event) => onWeight(Number(event.target.value))}
      />
      <NumberField
        label={name}
        value={weight}
        min={0}
        max={100}
        step={1}
        describedBy={describedBy}
        invalid={invalid}
        disabled={locked || pinned}
        onCommit={onWeight}
      />
      <span className="unit">%</span>
      <label
        className="lock-toggle"
        title={locked ? 'Locked: other rows move around it' : 'Lock this weight'}
      >
        <input
          type="checkbox"
          checked={locked}
          aria-label={`Lock weight of ${label}`}
          onChange={onToggleLock}
        />
        <span aria-hidden="true">{locked ? 'Locked' : 'Lock'}</span>
      </label>
      {onRemove && (
        <button type="button" className="link-button" aria-label={`Remove ${label}`} onClick={onRemove}>
          Remove
        </button>
      )}
      <FieldMessages id={messagesId} messages={messages} />
    </li>
  );
}
