import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { isUnauthorized } from '../api/ApiError';
import { useSession } from '../auth/useSession';
import { ErrorNotice } from '../components/ErrorNotice';
import { demoLoadKey, demoLoadQuery, describeLoad, parseRpsInput, putDemoLoad, sliderMax } from './demoLoad';

/**
 * The demo load generator's rate with a number field and a slider to change it. Renders nothing when no
 * demo runs (the control plane answers 404) or the browser may not read. Changes need a signed-in session.
 */
export function DemoLoadControl() {
  const client = useQueryClient();
  // Only once the browser may read: a signed-out browser would only collect 401s (and log them).
  const canRead = useSession().data?.canRead ?? false;
  const query = useQuery({ ...demoLoadQuery(), enabled: canRead });
  const [text, setText] = useState<string | null>(null);
  const [inputError, setInputError] = useState<string | null>(null);
  const hintId = useId();
  const mutation = useMutation({
    mutationFn: putDemoLoad,
    onSuccess: (status) => {
      client.setQueryData(demoLoadKey, status);
      setText(null);
    },
  });

  if (!canRead || query.isPending || query.data === null || (query.isError && isUnauthorized(query.error)))
    return null;
  if (query.isError) return <ErrorNotice error={query.error} compact />;
  const status = query.data;
  const shown = text ?? String(status.rps);

  const commit = (value: string) => {
    const parsed = parseRpsInput(value, status.maxRps);
    if (!parsed.ok) {
      setInputError(parsed.message);
      return;
    }
    setInputError(null);
    if (parsed.rps !== status.rps) mutation.mutate(parsed.rps);
    else setText(null);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    commit(shown);
  };
  const sliderValue = Math.min(Number(shown) || 0, sliderMax(status.rps, status.maxRps));

  return (
    <form className="demo-load" aria-label="Demo load" onSubmit={onSubmit} data-testid="demo-load" noValidate>
      <label>
        <span>Demo load</span>{' '}
        <input
          type="number"
          className="number-field"
          aria-label="Demo load (requests per second)"
          aria-describedby={hintId}
          aria-invalid={inputError !== null || mutation.isError || undefined}
          min={0}
          max={status.maxRps}
          step="any"
          value={shown}
          disabled={mutation.isPending}
          onChange={(event) => setText(event.target.value)}
          onBlur={() => text !== null && commit(text)}
        />{' '}
        req/s
      </label>{' '}
      <input
        type="range"
        aria-label="Demo load slider (requests per second)"
        min={0}
        max={sliderMax(status.rps, status.maxRps)}
        step={1}
        value={sliderValue}
        disabled={mutation.isPending}
        onChange={(event) => setText(event.target.value)}
        onPointerUp={(event) => commit(event.currentTarget.value)}
        onKeyUp={(event) => commit(event.currentTarget.value)}
      />{' '}
      <span id={hintId} className="muted" data-testid="demo-load-summary">
        {describeLoad(status)}
      </span>
      {inputError && (
        <div role="alert" className="error-notice compact">
          {inputError}
        </div>
      )}
      {mutation.isError && <ErrorNotice error={mutation.error} compact />}
    </form>
  );
}
