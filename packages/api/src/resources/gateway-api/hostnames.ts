/**
 * True when two Gateway API hostnames (a listener's and a route's, or two routes') can match the same
 * request host: equal names, or a `*.` wildcard whose suffix covers the other (a wildcard stands for one
 * or more labels, so `*.example.com` covers `a.example.com` and `*.a.example.com`, not `example.com`).
 */
export function hostnamesIntersect(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  return covers(x, y) || covers(y, x);
}

function covers(wild: string, other: string): boolean {
  if (!wild.startsWith('*.')) return false;
  const suffix = wild.slice(1); // ".example.com"
  const name = other.startsWith('*.') ? other.slice(2) : other;
  return name.endsWith(suffix);
}
