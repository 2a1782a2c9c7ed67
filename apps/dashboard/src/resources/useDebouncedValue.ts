import { useEffect, useState } from 'react';

/** `value`, updated only once it has stayed the same for `delayMs` (e.g. while a slider is dragged). */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
