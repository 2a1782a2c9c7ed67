import { useEffect, useId, useState } from 'react';
import { parseExpression } from './findExpression';

interface ExpressionFieldProps {
  label: string;
  value: string;
  placeholder: string;
  onCommit(value: string): void;
}

/**
 * A find or hide expression: typed freely, applied on Enter or when the field is left; a parse error
 * is shown under the field (and the field marked invalid) until it is fixed.
 */
export function ExpressionField({ label, value, placeholder, onCommit }: ExpressionFieldProps) {
  const [draft, setDraft] = useState(value);
  const errorId = useId();
  useEffect(() => setDraft(value), [value]);
  const parsed = parseExpression(value);
  const error = parsed.ok ? null : `${parsed.error} (at ${parsed.position + 1})`;
  const commit = () => {
    if (draft !== value) onCommit(draft.trim());
  };
  // The error sits outside the label, so it describes the field without renaming it.
  return (
    <div className="expression-field">
      <label>
        {label}{' '}
        <input
          type="search"
          value={draft}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={commit}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit();
          }}
        />
      </label>
      {error && (
        <span id={errorId} className="field-message error expression-error">
          {error}
        </span>
      )}
    </div>
  );
}
