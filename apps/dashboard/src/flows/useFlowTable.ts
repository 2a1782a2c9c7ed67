// The live flows table of the Flows page: the first rows from `GET /api/v1/flows`, then every
// matching exchange from the `/api/v1/tap` WebSocket (upserted by exchange id), with pause, resume,
// clear, the socket's state and the count of flows the stream dropped for this client.
import type { FlowFilter, FlowListResponse, TapSubscribe } from '@shadowmesh/api';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { flowListQuery } from '../api/queries';
import type { WebSocketLike } from '../api/reconnectingSocket';
import { filterKey } from './flowFilter';
import { type FlowRowsState, flowRowsReducer, initialFlowRows, MAX_ROWS, newWaiting } from './flowRows';
import { TapClient, type TapStatus } from './tapClient';

export interface TapRefusal {
  code: string;
  message: string;
  field?: string;
}

export interface FlowTable {
  state: FlowRowsState;
  /** New flows held back while paused. */
  waiting: number;
  status: TapStatus;
  /** When the next reconnect attempt is due (ms since the epoch), while reconnecting. */
  retryAt: number | null;
  /** The server refused the subscription (a bad filter): why. */
  refusal: TapRefusal | null;
  /** The first rows' request, with its loading state and error. */
  list: UseQueryResult<FlowListResponse>;
  pause(): void;
  resume(): void;
  clear(): void;
  reconnect(): void;
}

/** `ws://host/api/v1/tap` (or `wss://` on https) on the page's own origin, so the cookie rides along. */
export function tapUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/tap`;
}

export function useFlowTable(filter: FlowFilter, ratePerSecond: number): FlowTable {
  const [state, dispatch] = useReducer(flowRowsReducer, MAX_ROWS, initialFlowRows);
  const [status, setStatus] = useState<TapStatus>('connecting');
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const [refusal, setRefusal] = useState<TapRefusal | null>(null);
  const client = useRef<TapClient | null>(null);
  const key = filterKey(filter);
  const subscription = useRef<TapSubscribe>({ type: 'subscribe', filter, ratePerSecond });
  const list = useQuery(flowListQuery(filter, MAX_ROWS));
  // The socket lives as long as the page; it reaches the current list through this.
  const refetch = useRef(list.refetch);
  refetch.current = list.refetch;

  // A new filter (or rate): a fresh table, and the stream follows it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the filter's value.
  useEffect(() => {
    dispatch({ type: 'reset' });
    setRefusal(null);
    subscription.current = { type: 'subscribe', filter, ratePerSecond };
    client.current?.subscribe(subscription.current);
  }, [key, ratePerSecond]);

  useEffect(() => {
    if (list.data) dispatch({ type: 'loaded', items: list.data.items });
  }, [list.data]);

  const wasDown = useRef(false);
  useEffect(() => {
    const tap = new TapClient({
      url: tapUrl(window.location),
      createSocket: (url) => new WebSocket(url) as WebSocketLike,
      onFlow: (flow) => dispatch({ type: 'flow', flow }),
      onDropped: (count) => dispatch({ type: 'dropped', count }),
      onRefused: (error) => setRefusal(error),
      onStatus: (next, at) => {
        setStatus(next);
        setRetryAt(at);
        if (next === 'reconnecting') wasDown.current = true;
        // Flows that went by while the socket was down: the list has them.
        if (next === 'live' && wasDown.current) {
          wasDown.current = false;
          void refetch.current();
        }
      },
    });
    client.current = tap;
    tap.subscribe(subscription.current);
    tap.start();
    return () => {
      tap.stop();
      client.current = null;
    };
  }, []);

  const pause = useCallback(() => dispatch({ type: 'pause' }), []);
  const resume = useCallback(() => dispatch({ type: 'resume' }), []);
  const clear = useCallback(() => dispatch({ type: 'clear' }), []);
  const reconnect = useCallback(() => client.current?.reconnectNow(), []);
  return {
    state,
    waiting: newWaiting(state),
    status,
    retryAt,
    refusal,
    list,
    pause,
    resume,
    clear,
    reconnect,
  };
}
