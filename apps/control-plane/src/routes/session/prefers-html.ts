// Content negotiation for routes that answer a browser and an API client differently (GET /login):
// a browser navigating gets a page (or a redirect to one), a client asking for JSON gets JSON.

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

// True when the Accept header ranks `text/html` above `application/json`, as a browser navigating does
// (`text/html,…,*/*;q=0.8`). No header, `*/*` alone (curl) or `application/json` ⇒ false.
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = accept.split(',').flatMap((part) => parseRange(part) ?? []);
  return quality(ranges, 'text', 'html') > quality(ranges, 'application', 'json');
}

function parseRange(text: string): MediaRange | null {
  const [media = '', ...params] = text.split(';');
  const [type, subtype, extra] = media.trim().toLowerCase().split('/');
  if (!type || !subtype || extra !== undefined) return null;
  let q = 1;
  for (const param of params) {
    const [key = '', value = ''] = param.split('=');
    if (key.trim().toLowerCase() !== 'q') continue;
    const n = Number(value.trim());
    // An unreadable q is ignored (the range keeps q=1); a q outside 0..1 is clamped.
    if (value.trim() !== '' && Number.isFinite(n)) q = Math.min(1, Math.max(0, n));
  }
  return { type, subtype, q };
}

/** The q of the most specific range that matches (RFC 9110 §12.5.1); 0 when none does. */
function quality(ranges: readonly MediaRange[], type: string, subtype: string): number {
  let best = -1;
  let q = 0;
  for (const r of ranges) {
    const specificity =
      r.type === type && r.subtype === subtype
        ? 2
        : r.type === type && r.subtype === '*'
          ? 1
          : r.type === '*' && r.subtype === '*'
            ? 0
            : -1;
    if (specificity > best) {
      best = specificity;
      q = r.q;
    }
  }
  return q;
}
