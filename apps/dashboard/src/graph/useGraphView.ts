import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { type GraphView, readView, writeView } from './graphView';

/** The graph view from the URL, and a setter that writes changes back (replacing the entry). */
export function useGraphView(): [GraphView, (patch: Partial<GraphView>) => void] {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => readView(params), [params]);
  const update = useCallback(
    (patch: Partial<GraphView>) => {
      // The address bar, not the last render: two changes in one tick (a field's blur and a
      // select's change) must both land, and react-router's `prev` is the rendered one.
      const current = new URLSearchParams(window.location.search);
      setParams(writeView({ ...readView(current), ...patch }, current), { replace: true });
    },
    [setParams],
  );
  return [view, update];
}
