// Strict HTTP/1.1 framing (RFC 9112) for the fuzz targets: what the proxy sends its upstream must be exactly
// this, so that no two parsers could frame it differently. Requests are split one by one (a problem stops
// the split); responses are checked for a well-formed status line and framing.

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const TARGET = /^[\x21-\x7e]+$/;

export interface Framed {
  /** `METHOD target` of each complete request, in order. */
  requests: string[];
  /** Bytes of an incomplete request at the end (more may come). */
  rest: Buffer;
  /** What is not valid framing, or null. */
  problem: string | null;
}

interface Head {
  startLine: string;
  fields: [string, string][];
  end: number;
}

function readHead(buf: Buffer, at: number): Head | string | null {
  const end = buf.indexOf('\r\n\r\n', at);
  if (end < 0) return buf.length - at > 128 * 1024 ? 'head longer than 128 KiB' : null;
  const text = buf.toString('latin1', at, end);
  if (/\r(?!\n)|(?<!\r)\n/.test(text)) return 'a bare CR or LF in the head';
  const [startLine = '', ...lines] = text.split('\r\n');
  const fields: [string, string][] = [];
  for (const line of lines) {
    if (line.startsWith(' ') || line.startsWith('\t'))
      return `obs-fold line ${JSON.stringify(line.slice(0, 40))}`;
    const colon = line.indexOf(':');
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (colon <= 0 || !TOKEN.test(name)) return `bad field line ${JSON.stringify(line.slice(0, 40))}`;
    if (!FIELD_VALUE.test(value)) return `control character in field ${name}`;
    fields.push([name.toLowerCase(), value]);
  }
  return { startLine, fields, end: end + 4 };
}

/** Length of a body framed by `fields` starting at `at`: bytes used, null (incomplete) or a problem. */
function readBody(buf: Buffer, at: number, fields: [string, string][]): number | null | string {
  const te = fields.filter(([n]) => n === 'transfer-encoding').map(([, v]) => v);
  const cl = fields.filter(([n]) => n === 'content-length').map(([, v]) => v);
  if (te.length > 0 && cl.length > 0) return 'both Transfer-Encoding and Content-Length';
  if (te.length > 0) {
    const codings = te
      .join(',')
      .split(',')
      .map((c) => c.trim().toLowerCase());
    if (codings.at(-1) !== 'chunked') return `Transfer-Encoding ${te.join(', ')} does not end with chunked`;
    let i = at;
    for (;;) {
      const eol = buf.indexOf('\r\n', i);
      if (eol < 0) return null;
      const line = buf.toString('latin1', i, eol);
      if (!/^[0-9a-fA-F]{1,13}(;[^\r\n]*)?$/.test(line))
        return `bad chunk size line ${JSON.stringify(line.slice(0, 20))}`;
      const size = Number.parseInt(line, 16);
      if (size === 0) {
        const end = buf.indexOf('\r\n\r\n', eol);
        // `0\r\n`, trailer fields, then an empty line (`end === eol` when there are none).
        return end < 0 ? null : end + 4 - at;
      }
      if (buf.length < eol + 2 + size + 2) return null;
      if (buf.toString('latin1', eol + 2 + size, eol + 4 + size) !== '\r\n')
        return 'chunk data not followed by CRLF';
      i = eol + 4 + size;
    }
  }
  if (cl.length === 0) return 0;
  if (!cl.every((v) => /^\d{1,15}$/.test(v) && v === cl[0])) return `Content-Length ${cl.join(', ')}`;
  const n = Number(cl[0]);
  return buf.length - at < n ? null : n;
}

/** Splits what an upstream received into requests, strictly. */
export function frameRequests(buf: Buffer): Framed {
  const requests: string[] = [];
  let at = 0;
  while (at < buf.length) {
    const head = readHead(buf, at);
    if (head === null) break;
    if (typeof head === 'string') return { requests, rest: Buffer.alloc(0), problem: head };
    const m = /^([^ ]+) ([^ ]+) HTTP\/1\.1$/.exec(head.startLine);
    if (!m || !TOKEN.test(m[1] ?? '') || !TARGET.test(m[2] ?? ''))
      return {
        requests,
        rest: Buffer.alloc(0),
        problem: `bad request line ${JSON.stringify(head.startLine.slice(0, 80))}`,
      };
    if (head.fields.filter(([n]) => n === 'host').length !== 1)
      return { requests, rest: Buffer.alloc(0), problem: 'not one Host' };
    const body = readBody(buf, head.end, head.fields);
    if (body === null) break;
    if (typeof body === 'string') return { requests, rest: Buffer.alloc(0), problem: body };
    requests.push(`${m[1]} ${m[2]}`);
    at = head.end + body;
  }
  return { requests, rest: buf.subarray(at), problem: null };
}

/** What is wrong with the bytes a client read (empty: nothing); `head`: the first request was HEAD. */
export function responseProblems(wire: Buffer, head: boolean): string[] {
  let at = 0;
  let responses = 0;
  while (at < wire.length) {
    const parsed = readHead(wire, at);
    if (parsed === null)
      return [`an incomplete response head: ${JSON.stringify(wire.toString('latin1', at, at + 80))}`];
    if (typeof parsed === 'string') return [parsed];
    const m = /^HTTP\/1\.1 ([1-5]\d\d) [^\r\n]*$/.exec(parsed.startLine);
    if (!m) return [`bad status line ${JSON.stringify(parsed.startLine.slice(0, 80))}`];
    const status = Number(m[1]);
    const first = responses === 0;
    if (status >= 200) responses++;
    if (status < 200 || status === 204 || status === 304 || (head && first)) {
      at = parsed.end;
      continue;
    }
    const framed = parsed.fields.some(([n]) => n === 'content-length' || n === 'transfer-encoding');
    if (!framed) return []; // the body runs until the close
    const body = readBody(wire, parsed.end, parsed.fields);
    if (body === null) return ['the response body ended early'];
    if (typeof body === 'string') return [body];
    at = parsed.end + body;
  }
  return [];
}

/** True once `wire` holds a complete final response (one whose body runs until the close never is). */
export function hasFinalResponse(wire: Buffer, head: boolean): boolean {
  let at = 0;
  while (at < wire.length) {
    const parsed = readHead(wire, at);
    if (parsed === null || typeof parsed === 'string') return false;
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(parsed.startLine)?.[1] ?? 0);
    if (status >= 100 && status < 200) {
      at = parsed.end;
      continue;
    }
    if (status === 0) return false;
    if (status === 204 || status === 304 || head) return true;
    const body = readBody(wire, parsed.end, parsed.fields);
    return (
      typeof body === 'number' &&
      parsed.fields.some(([n]) => n === 'content-length' || n === 'transfer-encoding')
    );
  }
  return false;
}
