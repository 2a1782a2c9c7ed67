// "3s ago" / "5m ago" / "2h ago": how long ago something was seen, for tables that refresh often.

/** The age of `iso` at `now` (ms since epoch): `just now`, `42s ago`, `5m ago`, `3h ago`, `2d ago`. */
export function formatAge(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return 'unknown';
  const seconds = Math.max(0, Math.floor((now - at) / 1000));
  if (seconds < 2) return 'just now';
  if (seconds < 60) return `${seconds}s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ago`;
  return `${Math.floor(hours / 24)}d ago`;
}
