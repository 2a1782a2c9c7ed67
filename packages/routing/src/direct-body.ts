// The body of an Istio `directResponse`: `body.string` as is, or `body.bytes` (base64) decoded as UTF-8.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes standard or URL-safe base64 (padding optional) into bytes; invalid characters are skipped. */
export function decodeBase64(text: string): number[] {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text) {
    const c = ch === '-' ? '+' : ch === '_' ? '/' : ch;
    const v = ALPHABET.indexOf(c);
    if (v === -1) continue;
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return out;
}

/** UTF-8 bytes to a string; bytes that are not valid UTF-8 fall back to one character each (Latin-1). */
export function decodeUtf8(bytes: readonly number[]): string {
  let escaped = '';
  for (const b of bytes) escaped += `%${b.toString(16).padStart(2, '0')}`;
  try {
    return decodeURIComponent(escaped);
  } catch {
    let out = '';
    for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.slice(i, i + 8192));
    return out;
  }
}

/** The direct response body (binary bodies become their UTF-8 reading; see the README). */
export function decodeDirectBody(body: { string?: string; bytes?: string } | undefined): string {
  if (!body || typeof body !== 'object') return '';
  if (typeof body.string === 'string') return body.string;
  if (typeof body.bytes === 'string') return decodeUtf8(decodeBase64(body.bytes));
  return '';
}
