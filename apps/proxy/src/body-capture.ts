// The captured part of one body: the first `limit` bytes (copied: chunks may be views of a shared read
// buffer) and a SHA-256 over every byte. A BodySink on the request's BodyTap never applies backpressure.
import { createHash, type Hash } from 'node:crypto';
import type { CapturedBody } from '@shadowmesh/api';
import { REDACTED } from '@shadowmesh/api';
import type { BodySink } from './body-tap.js';

/** CapturedBody.data is at most 1,500,000 characters: 1 MiB in base64 stays below it. */
export const MAX_CAPTURE_BYTES = 1024 * 1024;
/** Shorter redacted values are not masked in bodies (they would match ordinary text). */
const MIN_MASKED_LENGTH = 6;

export class BodyCapture implements BodySink {
  /** Bytes of the whole body seen so far. */
  size = 0;
  /** Bytes kept (≤ limit). */
  kept = 0;
  ended = false;
  private readonly chunks: Buffer[] = [];
  private readonly hash: Hash = createHash('sha256');
  private readonly limit: number;
  private final: CapturedBody | null | undefined;

  constructor(limit: number) {
    this.limit = Math.max(0, Math.min(limit, MAX_CAPTURE_BYTES));
  }

  write(chunk: Buffer): void {
    if (this.ended) return;
    this.size += chunk.length;
    this.hash.update(chunk);
    const room = this.limit - this.kept;
    if (room <= 0) return;
    const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
    this.chunks.push(Buffer.from(part));
    this.kept += part.length;
  }

  end(): void {
    this.ended = true;
  }

  abort(): void {
    this.ended = true;
  }

  /**
   * The body as a record holds it (null when there was none). Before the body has ended, a snapshot of
   * what arrived so far. `mask`: values (redacted headers) replaced by `[redacted]` in a UTF-8 body.
   */
  result(mask: ReadonlySet<string> | null = null): CapturedBody | null {
    if (this.final !== undefined) return this.final;
    if (this.size === 0) {
      if (this.ended) this.final = null;
      return null;
    }
    const sha256 = (this.ended ? this.hash : this.hash.copy()).digest('hex');
    const body = encodeBody(Buffer.concat(this.chunks, this.kept), this.size, sha256, mask);
    if (this.ended) {
      this.final = body;
      this.chunks.length = 0;
    }
    return body;
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** `utf8` when the kept bytes are valid UTF-8 (a sequence cut at the limit is dropped), else `base64`. */
export function encodeBody(
  kept: Buffer,
  size: number,
  sha256: string,
  mask: ReadonlySet<string> | null = null,
): CapturedBody {
  const truncated = kept.length < size;
  const end = truncated ? completeUtf8Length(kept) : kept.length;
  let text: string | null;
  try {
    text = decoder.decode(kept.subarray(0, end));
  } catch {
    text = null;
  }
  if (text === null) return { encoding: 'base64', data: kept.toString('base64'), size, truncated, sha256 };
  if (mask !== null) {
    for (const value of mask) {
      if (value.length < MIN_MASKED_LENGTH) continue;
      text = text.split(value).join(REDACTED);
      // A value cut by the limit: its beginning at the very end of the kept text is masked too.
      if (truncated) text = maskCutTail(text, value);
    }
  }
  return { encoding: 'utf8', data: text, size, truncated, sha256 };
}

function maskCutTail(text: string, value: string): string {
  for (let k = Math.min(value.length - 1, text.length); k >= MIN_MASKED_LENGTH / 2; k--) {
    if (text.endsWith(value.slice(0, k))) return `${text.slice(0, text.length - k)}${REDACTED}`;
  }
  return text;
}

/** Length of `bytes` without a multi-byte UTF-8 sequence left incomplete at its end. */
export function completeUtf8Length(bytes: Buffer): number {
  const n = bytes.length;
  // A sequence is at most 4 bytes: look back at most 3 for its lead byte.
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = bytes[n - back] as number;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}
