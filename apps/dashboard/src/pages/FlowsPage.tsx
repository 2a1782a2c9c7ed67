import { TAP_DEFAULT_RATE, TAP_MAX_RATE } from '@shadowmesh/api';
import { useSearchParams } from 'react-router';
import { ApiError } from '../api/ApiError';
import { ErrorNotice } from '../components/ErrorNotice';
import { FlowDetail } from '../flows/FlowDetail';
import { FlowFilters } from '../flows/FlowFilters';
import { FlowTable } from '../flows/FlowTable';
import { FILTER_KEYS, type FilterKey, filterFromParams } from '../flows/flowFilter';
import { TapStatusBar } from '../flows/TapStatusBar';
import { type TapRefusal, useFlowTable } from '../flows/useFlowTable';

const RATES = [TAP_DEFAULT_RATE, 50, TAP_MAX_RATE];

function rateOf(params: URLSearchParams): number {
  const rate = Number(params.get('rate'));
  return RATES.includes(rate) ? rate : TAP_DEFAULT_RATE;
}

/** The stream's refusal of a filter, shown like any API error (code, message, field). */
function refusalError(refusal: TapRefusal): ApiError {
  const details = refusal.field ? { field: refusal.field } : undefined;
  return new ApiError(400, { code: refusal.code, message: refusal.message, ...(details ? { details } : {}) });
}

/**
 * `/flows`: live requests with their shadow copies (`?namespace&service&workload&method&path&status`
 * filter them, `?flow=` opens one, `?rate=` caps the stream). All view state is in the URL.
 */
export function FlowsPage() {
  const [params, setParams] = useSearchParams();
  const { filter, problems } = filterFromParams(params);
  const rate = rateOf(params);
  const table = useFlowTable(filter, rate);
  const selected = params.get('flow');

  const edit = (change: (next: URLSearchParams) => void, replace = true) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        change(next);
        return next;
      },
      { replace },
    );
  const applyFilters = (values: Record<FilterKey, string>) =>
    edit((next) => {
      for (const key of FILTER_KEYS) {
        const value = values[key].trim();
        if (value) next.set(key, value);
        else next.delete(key);
      }
    });
  const select = (id: string | null) =>
    edit((next) => {
      if (id) next.set('flow', id);
      else next.delete('flow');
    }, false);

  const { state } = table;
  return (
    <section className="page flows-page">
      <h1>Flows</h1>
      <p className="muted">Individual requests, the primary answer beside the shadow answer.</p>
      <FlowFilters params={params} problems={problems} onApply={applyFilters} />
      <div className="filters">
        <TapStatusBar
          status={table.status}
          retryAt={table.retryAt}
          paused={state.paused}
          waiting={table.waiting}
          dropped={state.dropped}
          rows={state.rows.length}
          onPause={table.pause}
          onResume={table.resume}
          onClear={table.clear}
          onReconnect={table.reconnect}
        />
        <label>
          Stream rate{' '}
          <select value={rate} onChange={(event) => edit((next) => next.set('rate', event.target.value))}>
            {RATES.map((r) => (
              <option key={r} value={r}>
                {r} flows/s
              </option>
            ))}
          </select>
        </label>
      </div>
      {table.refusal && <ErrorNotice error={refusalError(table.refusal)} />}
      {table.list.error && <ErrorNotice error={table.list.error} />}
      {selected && <FlowDetail key={selected} id={selected} onClose={() => select(null)} />}
      {table.list.isPending && state.rows.length === 0 && <p className="muted">Loading…</p>}
      {!table.list.isPending && state.rows.length === 0 && (
        <p className="empty-state" data-testid="flows-empty">
          No flows yet{problems.length === 0 && Object.keys(filter).length > 0 ? ' match these filters' : ''}.
          Flows are captured for sampled requests (MeshConfig <code>flowSampling</code>) and, while this page
          is open, for every matching request up to the stream rate.
        </p>
      )}
      {state.rows.length > 0 && <FlowTable rows={state.rows} selected={selected} onSelect={select} />}
    </section>
  );
}
