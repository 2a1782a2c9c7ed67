// A seeded corpus of HTTP/1.1 answers for differential tests of response framing: every framing (length,
// chunked with extensions, leading zeros and trailers, until close, transfer-codings other than chunked),
// HTTP/1.0 and keep-alive variants, 1xx answers before the final one, HEAD and 204/304 that claim a body,
// and, for some, one quirk: a malformation, or a shape two parsers may read differently. Each answer comes
// cut into pieces at random points, as a peer's writes may arrive.
import { mulberry32 } from './mulberry32.js';

/** One deliberate deviation from a plain, well-formed answer. */
export type Quirk =
  | 'both-lengths'
  | 'same-length-twice'
  | 'conflicting-lengths'
  | 'bad-content-length'
  | 'bad-chunk-size'
  | 'bws-chunk-ext'
  | 'bare-lf-chunk'
  | 'bare-lf-header'
  | 'space-before-colon'
  | 'folded-header'
  | 'control-in-value'
  | 'bad-trailer'
  | 'chunk-overrun'
  | 'truncated'
  | 'status-101'
  | 'http2-version'
  | 'status-below-100';

export const QUIRKS: readonly Quirk[] = [
  'both-lengths',
  'same-length-twice',
  'conflicting-lengths',
  'bad-content-length',
  'bad-chunk-size',
  'bws-chunk-ext',
  'bare-lf-chunk',
  'bare-lf-header',
  'space-before-colon',
  'folded-header',
  'control-in-value',
  'bad-trailer',
  'chunk-overrun',
  'truncated',
  'status-101',
  'http2-version',
  'status-below-100',
];

/** How the generated body is delimited. */
export type CorpusFraming = 'length' | 'chunked' | 'until-close' | 'other-coding' | 'none';

export interface CorpusAnswer {
  index: number;
  method: 'GET' | 'HEAD';
  /** The bytes, and the same bytes cut into the pieces to write (or feed) one at a time. */
  wire: Buffer;
  pieces: Buffer[];
  quirk: Quirk | null;
  /** What the answer says when read as meant: its final status, body and framing. */
  status: number;
  body: Buffer;
  framing: CorpusFraming;
  /** The final head carries a content-length or ends its transfer-codings with chunked. */
  selfDelimiting: boolean;
  /** RFC 9112 §9.3: the connection may carry another request after this answer. */
  reusable: boolean;
  /** The options its Connection header lists. */
  connection: { close: boolean; keepAlive: boolean };
  /** HTTP/1.`minor` (the final head's). */
  minor: number;
}

const STATUSES = [200, 200, 200, 201, 204, 206, 301, 304, 404, 500, 503];
const EXTENSIONS = [';a', ';a=b', ';name="q;x"', ';x=1;y', ';k="v\\"w"'];
const SPLITTABLE: readonly Quirk[] = [
  'bad-chunk-size',
  'bws-chunk-ext',
  'bare-lf-chunk',
  'bad-trailer',
  'chunk-overrun',
];

export function generateCorpus(seed: number, count: number): CorpusAnswer[] {
  const random = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number) => random() < p;
  const out: CorpusAnswer[] = [];
  for (let index = 0; index < count; index++) {
    let quirk: Quirk | null = chance(0.25) ? pick(QUIRKS) : null;
    const method = chance(0.1) ? 'HEAD' : 'GET';
    let status = quirk === 'status-101' ? 101 : pick(STATUSES);
    const minor = quirk === 'status-101' || chance(0.85) ? 1 : 0;
    const bodiless = method === 'HEAD' || status === 204 || status === 304 || status === 101;
    let framing: CorpusFraming = pick([
      'length',
      'length',
      'chunked',
      'chunked',
      'until-close',
      'other-coding',
    ]);
    // Chunk-line quirks need chunked framing; `both-lengths` needs a transfer-encoding.
    if (quirk !== null && SPLITTABLE.includes(quirk)) framing = 'chunked';
    if (quirk === 'both-lengths' && framing !== 'chunked') framing = pick(['chunked', 'other-coding']);
    if (quirk === 'same-length-twice' || quirk === 'conflicting-lengths' || quirk === 'bad-content-length')
      framing = 'length';
    if (quirk === 'status-101') framing = 'none';
    const size = bodiless ? 0 : chance(0.05) ? int(1000, 5000) : chance(0.15) ? 0 : int(1, 200);
    const body = Buffer.alloc(size);
    for (let i = 0; i < size; i++) body[i] = int(0, 255);
    // Chunk-line quirks need a chunk line to spoil (and an overrun, chunk data).
    if (quirk !== null && SPLITTABLE.includes(quirk) && bodiless) quirk = null;
    if (quirk === 'chunk-overrun' && size === 0) quirk = null;

    const parts: string[] = [];
    if (minor === 1 && chance(0.15)) {
      for (let n = int(1, 2); n > 0; n--) {
        const interim = pick([100, 102, 103]);
        parts.push(
          `HTTP/1.1 ${interim} Interim\r\n${interim === 103 ? 'Link: </style.css>; rel=preload\r\n' : ''}\r\n`,
        );
      }
    }
    const version = quirk === 'http2-version' ? 'HTTP/2.0' : `HTTP/1.${minor}`;
    if (quirk === 'status-below-100') status = int(10, 99);
    const statusText = status < 100 ? `0${status}` : String(status);
    const lines: string[] = [
      `${version} ${statusText}${chance(0.9) ? ` ${pick(['OK', 'Reason', 'R\u00e9ponse', ''])}` : ''}`,
    ];
    const fields: [string, string][] = [];
    for (let n = int(0, 4); n > 0; n--) fields.push(randomField(pick, int));
    const connection = pick([
      null,
      null,
      null,
      'close',
      'keep-alive',
      'Keep-Alive',
      'keep-alive, close',
      'x-hop',
    ]);
    if (connection !== null) fields.push([pick(['Connection', 'connection']), connection]);
    if (chance(0.1)) fields.push(['Keep-Alive', `timeout=${int(1, 30)}`]);
    const lengthName = pick(['Content-Length', 'content-length', 'CONTENT-LENGTH']);
    const declared = bodiless ? int(0, 5000) : size;
    if (framing === 'length' && (!bodiless || quirk !== null || chance(0.5))) {
      if (quirk === 'bad-content-length') fields.push([lengthName, pick(['+5', '5, 5', '1x', '-1', '0x10'])]);
      else fields.push([lengthName, chance(0.05) ? `00${declared}` : String(declared)]);
      if (quirk === 'same-length-twice') fields.push([lengthName, String(declared)]);
      if (quirk === 'conflicting-lengths') fields.push([lengthName, String(declared + 1)]);
    }
    if (quirk === 'both-lengths') fields.push([lengthName, String(int(0, 50))]);
    shuffle(fields, int);
    // Transfer-Encoding lines after the shuffle, in order (two lines are one list: `gzip` then `chunked`).
    const codings: [string, string][] = [];
    if (framing === 'chunked') {
      if (chance(0.1)) codings.push(['Transfer-Encoding', 'gzip'], ['Transfer-Encoding', 'chunked']);
      else
        codings.push([
          pick(['Transfer-Encoding', 'transfer-encoding']),
          pick(['chunked', 'Chunked', 'gzip, chunked']),
        ]);
    }
    if (framing === 'other-coding')
      codings.push(['Transfer-Encoding', pick(['gzip', 'chunked, gzip', 'identity'])]);
    fields.splice(int(0, fields.length), 0, ...codings);
    for (const [name, value] of fields) lines.push(`${name}: ${value}`);
    const tokens = (connection ?? '').toLowerCase();
    const close = tokens.includes('close');
    const keepAliveToken = tokens.includes('keep-alive');
    const spoilt = spoiltField(quirk, pick);
    // Never the last line: a bare LF there would leave no CRLFCRLF to end the head at all.
    if (spoilt !== null) lines.splice(int(1, lines.length), 0, spoilt, 'X-Last: 1');
    parts.push(`${lines.join('\r\n')}\r\n\r\n`);
    let wire = Buffer.from(parts.join(''), 'latin1');
    if (!bodiless) {
      if (framing === 'chunked') wire = Buffer.concat([wire, chunked(body, quirk, pick, int, chance)]);
      else wire = Buffer.concat([wire, body]);
    }
    if (quirk === 'truncated') {
      const headEnd = wire.indexOf('\r\n\r\n') + 4;
      // Cut inside the head, or inside a body that says how long it is (a body until close is never short).
      if (framing === 'length' || framing === 'chunked') wire = wire.subarray(0, int(1, wire.length - 1));
      else wire = wire.subarray(0, int(1, headEnd - 1));
    }
    out.push({
      index,
      method,
      wire,
      pieces: cut(wire, int, chance),
      quirk,
      status,
      body,
      framing: bodiless ? 'none' : framing,
      selfDelimiting:
        framing === 'chunked' || fields.some(([name]) => name.toLowerCase() === 'content-length'),
      reusable:
        (minor === 1 ? !close : keepAliveToken && !close) &&
        (bodiless || framing === 'length' || framing === 'chunked'),
      connection: { close, keepAlive: keepAliveToken },
      minor,
    });
  }
  return out;
}

/** A header line spoilt as `quirk` says, or null for other quirks. */
function spoiltField(quirk: Quirk | null, pick: <T>(items: readonly T[]) => T): string | null {
  switch (quirk) {
    case 'space-before-colon':
      return pick(['X-Spoilt : 1', 'Content-Type : text/plain']);
    case 'control-in-value':
      return `X-Spoilt: a${pick(['\u0001', '\u007f', '\r', '\u0000'])}b`;
    case 'bare-lf-header':
      return 'X-Spoilt: 1\nX-Next: 1';
    case 'folded-header':
      return `X-Spoilt: 1\r\n${pick([' folded', '\tmore'])}`;
    default:
      return null;
  }
}

function randomField(
  pick: <T>(items: readonly T[]) => T,
  int: (lo: number, hi: number) => number,
): [string, string] {
  const [name, value] = pick<[string, string]>([
    ['Content-Type', 'text/plain; charset=utf-8'],
    ['Set-Cookie', `a=${int(0, 99)}; Path=/`],
    ['ETag', `"${int(0, 1e6).toString(16)}"`],
    ['X-Trace', int(0, 1e9).toString(16)],
    ['Cache-Control', 'no-cache'],
    ['X-Obs', 'caf\u00e9 \u00a0'],
    ['X-Empty', ''],
    ['X-Tabs', '\tv\t'],
    ['Vary', 'Accept-Encoding'],
  ]);
  return [pick([name, name.toLowerCase(), name.toUpperCase()]), value];
}

function chunked(
  body: Buffer,
  quirk: Quirk | null,
  pick: <T>(items: readonly T[]) => T,
  int: (lo: number, hi: number) => number,
  chance: (p: number) => boolean,
): Buffer {
  const parts: Buffer[] = [];
  const sizes: number[] = [];
  for (let at = 0; at < body.length; ) {
    const n = Math.min(body.length - at, chance(0.1) ? int(200, 2000) : int(1, 64));
    sizes.push(n);
    at += n;
  }
  // Which chunk line the quirk spoils (the last chunk's, when there is no other; never for an overrun).
  const spoilt = int(0, quirk === 'chunk-overrun' ? sizes.length - 1 : sizes.length);
  let at = 0;
  sizes.push(0);
  sizes.forEach((n, i) => {
    let hex = n.toString(16);
    if (chance(0.5)) hex = hex.toUpperCase();
    if (chance(0.1)) hex = `00${hex}`;
    let ext = chance(0.2) ? pick(EXTENSIONS) : '';
    let eol = '\r\n';
    if (i === spoilt) {
      if (quirk === 'bad-chunk-size') hex = pick([`${hex} `, ` ${hex}`, `${hex}g`, 'x']);
      if (quirk === 'bws-chunk-ext') ext = pick(['; a=b', ';\ta', '; x']);
      if (quirk === 'bare-lf-chunk' && (n === 0 || chance(0.5))) eol = '\n';
    }
    parts.push(Buffer.from(`${hex}${ext}${eol}`, 'latin1'));
    if (n === 0) return;
    parts.push(body.subarray(at, at + n));
    at += n;
    let after = '\r\n';
    if (i === spoilt && quirk === 'bare-lf-chunk' && eol === '\r\n') after = '\n';
    if (i === spoilt && quirk === 'chunk-overrun') after = `${pick(['x', 'xy', ' '])}\r\n`;
    parts.push(Buffer.from(after, 'latin1'));
  });
  const trailers: string[] = [];
  if (chance(0.2)) for (let n = int(1, 2); n > 0; n--) trailers.push(`X-Trailer-${n}: ${int(0, 99)}\r\n`);
  if (quirk === 'bad-trailer') trailers.push('no colon here\r\n');
  parts.push(Buffer.from(`${trailers.join('')}\r\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** Up to four cut points anywhere (every byte, for a short answer now and then). */
function cut(
  wire: Buffer,
  int: (lo: number, hi: number) => number,
  chance: (p: number) => boolean,
): Buffer[] {
  if (wire.length < 160 && chance(0.03)) return [...wire].map((b) => Buffer.from([b]));
  const points = new Set<number>();
  for (let n = int(0, 4); n > 0; n--) if (wire.length > 1) points.add(int(1, wire.length - 1));
  const sorted = [...points].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const p of sorted) {
    pieces.push(wire.subarray(from, p));
    from = p;
  }
  pieces.push(wire.subarray(from));
  return pieces;
}

function shuffle<T>(items: T[], int: (lo: number, hi: number) => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = int(0, i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}
