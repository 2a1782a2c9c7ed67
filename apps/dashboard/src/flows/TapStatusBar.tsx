import { useNow } from '../proxies/useNow';
import type { TapStatus } from './tapClient';

const TEXT: Record<TapStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting',
  closed: 'Offline',
};

interface TapStatusBarProps {
  status: TapStatus;
  retryAt: number | null;
  paused: boolean;
  waiting: number;
  dropped: number;
  rows: number;
  onPause(): void;
  onResume(): void;
  onClear(): void;
  onReconnect(): void;
}

/** The tap stream's state (with reconnect), pause/resume/clear, and what was held back or dropped. */
export function TapStatusBar(props: TapStatusBarProps) {
  const { status, retryAt, paused, waiting, dropped, rows } = props;
  const now = useNow(retryAt === null ? 60_000 : 500);
  const retryIn = retryAt === null ? null : Math.max(0, Math.ceil((retryAt - now) / 1000));
  return (
    <div className="tap-bar">
      <span
        role="status"
        className={`live-indicator ${status === 'reconnecting' ? 'reconnecting' : status}`}
        data-testid="tap-status"
        data-status={status}
      >
        <span className="live-dot" aria-hidden="true" />
        {TEXT[status]}
        {status === 'reconnecting' && retryIn !== null && (
          <span className="muted small"> in {retryIn} s</span>
        )}
      </span>
      {status === 'reconnecting' && (
        <button type="button" className="link-button" onClick={props.onReconnect}>
          Reconnect now
        </button>
      )}
      {paused ? (
        <button type="button" onClick={props.onResume}>
          Resume
        </button>
      ) : (
        <button type="button" onClick={props.onPause}>
          Pause
        </button>
      )}
      <button type="button" onClick={props.onClear} disabled={rows === 0 && waiting === 0}>
        Clear
      </button>
      <span className="muted small" data-testid="flow-count">
        {rows} {rows === 1 ? 'flow' : 'flows'}
      </span>
      {paused && (
        <span className="chip" data-testid="flows-waiting" aria-live="polite">
          Paused: {waiting} new {waiting === 1 ? 'flow' : 'flows'} waiting
        </span>
      )}
      {dropped > 0 && (
        <span
          className="chip warning"
          data-testid="flows-dropped"
          title="Flows the stream left out for this browser: more matched than its rate limit allows"
        >
          {dropped} dropped by the rate limit
        </span>
      )}
    </div>
  );
}
