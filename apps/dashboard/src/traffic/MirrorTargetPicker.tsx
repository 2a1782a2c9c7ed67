import type { Destination } from '@shadowmesh/api';
import { FieldMessages, worstLevel } from '../components/FieldMessages';
import type { FieldMessage } from '../resources/fieldMessages';
import { type TargetOption, targetOptionOf } from './mirrorTargets';

interface MirrorTargetPickerProps {
  idBase: string;
  destination: Destination;
  targets: readonly TargetOption[];
  /** The namespace the VirtualService lives in (short hosts resolve there). */
  namespace?: string;
  messages: readonly FieldMessage[] | undefined;
  /** Offer subsets (VirtualService targets); an HTTPRoute mirrors to whole Services. */
  subsets?: boolean;
  onChange: (destination: Destination) => void;
}

const UNKNOWN = 'unknown-host';

/** Service and subset of a mirror target, chosen from what exists (a hand-written other host is kept). */
export function MirrorTargetPicker({
  idBase,
  destination,
  targets,
  namespace = 'default',
  messages,
  subsets: withSubsets = true,
  onChange,
}: MirrorTargetPickerProps) {
  const option = targetOptionOf(targets, destination, namespace);
  const subsets = option?.subsets ?? [];
  const subset = destination.subset ?? '';
  const messagesId = `${idBase}-target-messages`;
  const invalid = worstLevel(messages) === 'error';
  const describedBy = messages && messages.length > 0 ? messagesId : undefined;
  return (
    <div className="mirror-target">
      <select
        aria-label="Mirror target service"
        value={option?.fqdn ?? UNKNOWN}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(event) => {
          const next = targets.find((t) => t.fqdn === event.target.value);
          if (!next) return;
          const destination: Destination = next.subsets[0]
            ? { host: next.host, subset: next.subsets[0] }
            : { host: next.host };
          if (next.port !== undefined) destination.port = { number: next.port };
          onChange(destination);
        }}
      >
        {!option && <option value={UNKNOWN}>{destination.host} (not a known service)</option>}
        {targets.map((t) => (
          <option key={t.fqdn} value={t.fqdn}>
            {t.label}
          </option>
        ))}
      </select>
      {withSubsets && (
        <select
          aria-label="Mirror target subset"
          value={subset}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            const { subset: _old, ...rest } = destination;
            onChange(event.target.value ? { ...rest, subset: event.target.value } : rest);
          }}
        >
          <option value="">(every version)</option>
          {subset && !subsets.includes(subset) && (
            <option value={subset}>{subset} (no DestinationRule defines it)</option>
          )}
          {subsets.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      )}
      <FieldMessages id={messagesId} messages={messages} />
    </div>
  );
}
