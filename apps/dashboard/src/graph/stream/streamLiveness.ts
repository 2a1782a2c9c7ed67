// Whether the live stream is up, for query factories that poll only while it is down (proxy status,
// the graph). One per page, like TanStack Query's own `onlineManager`: the stream is one per page
// too, and a `refetchInterval` function has no other way to learn about it. LiveStreamProvider
// sets it; it invalidates the polled queries on every change, so their intervals are re-read.

let live = false;

export const streamLiveness = {
  isLive(): boolean {
    return live;
  },
  setLive(value: boolean): void {
    live = value;
  },
};

/** A `refetchInterval` that polls every `ms` only while the live stream is down. */
export function unlessLive(ms: number): () => number | false {
  return () => (live ? false : ms);
}
