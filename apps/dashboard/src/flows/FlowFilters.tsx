import { type FormEvent, useEffect, useState } from 'react';
import { FILTER_KEYS, type FilterKey, type FilterProblem } from './flowFilter';

const LABELS: Record<FilterKey, string> = {
  namespace: 'Namespace',
  service: 'Service',
  workload: 'Workload',
  method: 'Method',
  path: 'Path prefix',
  status: 'Status',
};

const PLACEHOLDERS: Record<FilterKey, string> = {
  namespace: 'any',
  service: 'httpbin',
  workload: 'source or destination',
  method: 'any',
  path: '/anything',
  status: '200, 5xx, 0',
};

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

interface FlowFiltersProps {
  params: URLSearchParams;
  problems: readonly FilterProblem[];
  /** Writes the edited fields to the URL (empty ones are removed). */
  onApply(values: Record<FilterKey, string>): void;
}

function valuesOf(params: URLSearchParams): Record<FilterKey, string> {
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])) as Record<FilterKey, string>;
}

/**
 * The filters of the Flows page. Text fields are applied with Enter or the Filter button (a new
 * filter restarts the table and its stream, so not on every keystroke); the method at once.
 */
export function FlowFilters({ params, problems, onApply }: FlowFiltersProps) {
  const fromUrl = params.toString();
  const [draft, setDraft] = useState(() => valuesOf(params));
  // biome-ignore lint/correctness/useExhaustiveDependencies: `fromUrl` stands for the params' value.
  useEffect(() => setDraft(valuesOf(params)), [fromUrl]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const problemOf = (key: string) => problems.find((p) => p.field === key);
  return (
    <form className="filters flow-filters" aria-label="Flow filters" onSubmit={submit}>
      {FILTER_KEYS.map((key) => {
        const problem = problemOf(key);
        if (key === 'method') {
          return (
            <label key={key}>
              {LABELS[key]}{' '}
              <select
                value={draft.method.toUpperCase()}
                onChange={(event) => {
                  const next = { ...draft, method: event.target.value };
                  setDraft(next);
                  onApply(next);
                }}
              >
                <option value="">any</option>
                {METHODS.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </label>
          );
        }
        return (
          <label key={key} className={problem ? 'invalid' : undefined}>
            {LABELS[key]}{' '}
            <input
              type="search"
              size={key === 'status' ? 8 : 14}
              value={draft[key]}
              placeholder={PLACEHOLDERS[key]}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `flow-filter-${key}-problem` : undefined}
              onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
            />
            {problem && (
              <span id={`flow-filter-${key}-problem`} role="alert" className="field-message error">
                {problem.message}
              </span>
            )}
          </label>
        );
      })}
      <button type="submit">Filter</button>
    </form>
  );
}
