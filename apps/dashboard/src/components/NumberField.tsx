import { type ChangeEvent, useState } from 'react';

interface NumberFieldProps {
  label: string;
  value: number;
  onCommit: (value: number) => void;
  min?: number;
  max?: number;
  step?: number;
  id?: string;
  describedBy?: string | undefined;
  invalid?: boolean;
  disabled?: boolean;
  testId?: string;
}

/**
 * A number input that follows `value` but keeps what the user types while they type (an empty or
 * partial number is not committed). Out-of-range numbers are committed too: the server judges them and
 * its message is shown on the field.
 */
export function NumberField({
  label,
  value,
  onCommit,
  min,
  max,
  step,
  id,
  describedBy,
  invalid = false,
  disabled = false,
  testId,
}: NumberFieldProps) {
  const [text, setText] = useState<string | null>(null);
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const raw = event.target.value;
    setText(raw);
    const parsed = Number(raw);
    if (raw.trim() !== '' && Number.isFinite(parsed)) onCommit(parsed);
  };
  return (
    <input
      type="number"
      className="number-field"
      aria-label={label}
      id={id}
      data-testid={testId}
      value={text ?? String(value)}
      min={min}
      max={max}
      step={step}
      disabled={disabled}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      onChange={onChange}
      onBlur={() => setText(null)}
    />
  );
}
