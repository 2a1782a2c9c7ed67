import { useContext, useEffect } from 'react';
import type { GraphQueryView } from '../graph/graphView';
import type { LiveStatus } from '../graph/stream/graphStreamClient';
import { LiveStreamContext } from '../graph/stream/LiveStreamProvider';

/**
 * The live stream's status; with a view, the stream follows that graph view while the caller is
 * mounted (its snapshots and deltas land in `graphQuery(view)`'s cache entry).
 */
export function useLiveStream(view?: GraphQueryView): LiveStatus {
  const stream = useContext(LiveStreamContext);
  const follow = stream?.follow;
  const key = view ? JSON.stringify([view.graphType, [...view.namespaces].sort(), view.durationSeconds]) : '';
  useEffect(() => {
    if (!follow || !key) return;
    const [graphType, namespaces, durationSeconds] = JSON.parse(key) as [
      GraphQueryView['graphType'],
      string[],
      number,
    ];
    follow({ graphType, namespaces, durationSeconds });
  }, [follow, key]);
  // Unfollow on unmount only: a changed view is a new subscription on the same connection.
  const following = key !== '';
  useEffect(() => {
    if (!follow || !following) return;
    return () => follow(null);
  }, [follow, following]);
  return stream?.status ?? 'closed';
}
