import { useSearchParams } from 'react-router';

/**
 * A page's filters kept in the URL (so a filtered view can be bookmarked): the current params, and a
 * setter that sets one key (an empty value removes it) without adding a history entry.
 */
export function useFilterParams(): [URLSearchParams, (key: string, value: string) => void] {
  const [params, setParams] = useSearchParams();
  const update = (key: string, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  return [params, update];
}
