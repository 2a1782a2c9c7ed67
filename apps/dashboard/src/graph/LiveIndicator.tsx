import type { LiveStatus } from './stream/graphStreamClient';

const TEXT: Record<LiveStatus, string> = {
  live: 'Live',
  connecting: 'Connecting…',
  stalled: 'Updates stopped — reconnecting…',
  reconnecting: 'Reconnecting…',
  closed: 'Offline',
};

/** Whether the graph is updating live; when it is not, it says so and that it polls meanwhile. */
export function LiveIndicator({ status }: { status: LiveStatus }) {
  return (
    <span
      role="status"
      className={`live-indicator ${status}`}
      data-testid="live-indicator"
      data-status={status}
    >
      <span className="live-dot" aria-hidden="true" />
      {TEXT[status]}
      {status !== 'live' && status !== 'connecting' && (
        <span className="muted small"> (refreshing every 5 s)</span>
      )}
    </span>
  );
}
