// The page's one `/api/v1/stream` connection, wired to react-query: snapshots and deltas of the
// followed graph view are written into that view's cache entry, and `invalidate` messages
// invalidate the named query keys. Mounted once for the signed-in app (see App.tsx).
import type { GraphResponse, GraphStreamSubscribe } from '@shadowmesh/api';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { queryKeys } from '../../api/queryKeys';
import type { GraphQueryView } from '../graphView';
import { applyDelta } from './applyDelta';
import { GraphStreamClient, type LiveStatus, type WebSocketLike } from './graphStreamClient';
import { streamLiveness } from './streamLiveness';
import type { InvalidateKey } from './streamMessage';

export interface LiveStream {
  status: LiveStatus;
  /** Follows a graph view (null: none). The last caller wins; one graph is shown at a time. */
  follow(view: GraphQueryView | null): void;
}

export const LiveStreamContext = createContext<LiveStream | null>(null);

const INVALIDATES: Record<InvalidateKey, readonly string[]> = {
  resources: queryKeys.resources,
  'proxy-status': queryKeys.proxyStatus,
  analyze: queryKeys.analyze,
  history: queryKeys.history,
};

/**
 * Queries that poll only while the stream is down. A `refetchInterval` is re-read when its query
 * updates: going down, both are refetched (their data is getting old, and polling starts); going
 * live, proxy status is refetched (polling stops) and the graph stops with the snapshot that follows.
 */
const POLLED_WHEN_DOWN = [queryKeys.proxyStatus, queryKeys.graph];
const POLLED_WHEN_LIVE = [queryKeys.proxyStatus];

/** `ws://host/api/v1/stream` (or `wss://` on https) on the page's own origin, so the cookie rides along. */
export function streamUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/stream`;
}

function keyOf(sub: GraphStreamSubscribe) {
  return queryKeys.graphView(sub.graphType, sub.namespaces, sub.durationSeconds);
}

function createStream(
  client: QueryClient,
  onStatus: (status: LiveStatus) => void,
): { stream: GraphStreamClient; dispose(): void } {
  const stream = new GraphStreamClient({
    url: streamUrl(window.location),
    createSocket: (url) => new WebSocket(url) as WebSocketLike,
    onSnapshot: (graph, sub) => client.setQueryData<GraphResponse>(keyOf(sub), graph),
    onDelta: (delta, sub) =>
      client.setQueryData<GraphResponse>(keyOf(sub), (old) => (old ? applyDelta(old, delta) : old)),
    // The server announces proxy status changes itself, config versions included (stream-hub.ts).
    onInvalidate: (keys) => {
      for (const key of keys) void client.invalidateQueries({ queryKey: INVALIDATES[key] });
    },
    onStatus,
  });
  return {
    stream,
    dispose() {
      stream.stop();
    },
  };
}

export function LiveStreamProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const streamRef = useRef<GraphStreamClient | null>(null);
  const followed = useRef<GraphQueryView | null>(null);

  useEffect(() => {
    const { stream, dispose } = createStream(client, (next) => {
      setStatus(next);
      const live = next === 'live';
      if (live === streamLiveness.isLive()) return;
      streamLiveness.setLive(live);
      for (const queryKey of live ? POLLED_WHEN_LIVE : POLLED_WHEN_DOWN) {
        void client.invalidateQueries({ queryKey });
      }
    });
    streamRef.current = stream;
    if (followed.current) stream.subscribe(subscription(followed.current));
    stream.start();
    return () => {
      dispose();
      streamRef.current = null;
      streamLiveness.setLive(false);
    };
  }, [client]);

  // Stable, so followers' effects do not re-run (and unfollow) on every status change.
  const follow = useCallback((view: GraphQueryView | null) => {
    followed.current = view;
    streamRef.current?.subscribe(view ? subscription(view) : null);
  }, []);
  const value = useMemo<LiveStream>(() => ({ status, follow }), [status, follow]);
  return <LiveStreamContext.Provider value={value}>{children}</LiveStreamContext.Provider>;
}

function subscription(view: GraphQueryView): GraphStreamSubscribe {
  return {
    type: 'subscribe',
    namespaces: [...view.namespaces].sort(),
    graphType: view.graphType,
    durationSeconds: view.durationSeconds,
  };
}
