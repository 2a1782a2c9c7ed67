// ResponseReader against node's own parser, llhttp (issue #17 item 6): the same bytes, cut into the same
// pieces, must be framed the same way — final status, body bytes, whether the answer ends by itself (and
// may be followed by another on the connection) or runs until close, or is refused — for a seeded corpus
// of 10,000 generated answers (`testing/response-corpus.ts`). llhttp is read through a real node:http client
// on a raw loopback server (`testing/llhttp-oracle.ts`). Where the two differ, they differ on purpose: each
// difference is an explicit expectation below, checked both ways, never a skip. Then a slice of the corpus
// goes through a real proxy to a raw client, which must get exactly one response framed as the reader read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_REPLY_TEXT } from './local-reply.js';
import { ResponseReader } from './response-reader.js';
import type { FramingOutcome, NodeVerdict } from './testing/llhttp-oracle.js';
import { LlhttpOracle } from './testing/llhttp-oracle.js';
import type { MirrorMesh } from './testing/mirror-mesh.js';
import { startMirrorMesh } from './testing/mirror-mesh.js';
import { rawExchange, splitResponses } from './testing/raw-client.js';
import type { RawServer } from './testing/raw-server.js';
import { startRawServer, writePieces } from './testing/raw-server.js';
import type { CorpusAnswer, Quirk } from './testing/response-corpus.js';
import { generateCorpus, QUIRKS } from './testing/response-corpus.js';

const SEED = 0x17_0006;
const COUNT = 10_000;
/** Answers (the corpus' first) also sent through a real proxy. */
const THROUGH_PROXY = 300;

interface ReaderVerdict {
  outcome: FramingOutcome;
  status: number;
  body: Buffer;
  reusable: boolean;
  contentLength: number | null;
}

/** Feeds the answer's pieces, as they would arrive, to a ResponseReader. */
function readerVerdict(answer: CorpusAnswer): ReaderVerdict {
  const body: Buffer[] = [];
  const reader = new ResponseReader(answer.method === 'HEAD', {
    onHead: () => {},
    onBody: (chunk) => body.push(Buffer.from(chunk)),
  });
  let outcome: FramingOutcome;
  try {
    for (const piece of answer.pieces) reader.feed(piece);
    outcome = reader.done ? 'complete' : reader.untilClose ? 'until-close' : 'incomplete';
  } catch {
    outcome = 'error';
  }
  const { status, reusable, contentLength } = reader;
  return { outcome, status, body: Buffer.concat(body), reusable, contentLength };
}

/**
 * The deliberate differences: for answers with these quirks, one parser reads what the other refuses.
 * `reads`: framed as the generator meant it (its status and body).
 */
const DIFFERENCES: Partial<Record<Quirk, { llhttp: 'reads' | 'refuses'; reader: 'reads' | 'refuses' }>> = {
  // RFC 9110 §8.6 lets a recipient take a content-length repeated with one value as that value; llhttp
  // refuses any repetition. The proxy forwards the single validated value, so nothing is ambiguous.
  'same-length-twice': { llhttp: 'refuses', reader: 'reads' },
  // RFC 9112 §7.1.1 allows BWS after `;` in chunk extensions, which llhttp's strict mode refuses. Extensions
  // are dropped and the body re-chunked towards the client; only control characters in them are refused.
  'bws-chunk-ext': { llhttp: 'refuses', reader: 'reads' },
  // This client never asks for an upgrade (those are tunnelled through node:http): a 101 nobody asked for
  // would leave the connection in an unknown protocol (RFC 9110 §15.2.2). llhttp reads a bodiless 101.
  'status-101': { llhttp: 'reads', reader: 'refuses' },
  // llhttp accepts `HTTP/2.0` with HTTP/1.1 framing; this is an HTTP/1.1 client of HTTP/1.x servers.
  'http2-version': { llhttp: 'reads', reader: 'refuses' },
  // Status codes are three digits from 100 (RFC 9110 §15); llhttp accepts `099`.
  'status-below-100': { llhttp: 'reads', reader: 'refuses' },
};

/**
 * llhttp's keep-alive verdict (`llhttp_should_keep_alive`). It differs from RFC 9112 §9.3 — the corpus'
 * `reusable`, which is what the reader must say — in two ways:
 * - node asks before telling llhttp that a HEAD answer has no body, so a HEAD answer without a length is
 *   taken to run until close: node closes the connection, the reader reuses it (RFC 9112 §6.3).
 * - in HTTP/1.0 llhttp only looks for `keep-alive`, in HTTP/1.1 only for `close`: with both listed, an
 *   HTTP/1.0 connection stays open for llhttp; for the reader `close` always closes it (§9.6).
 */
function llhttpKeepAlive(answer: CorpusAnswer): boolean {
  const needsEof = noContent(answer)
    ? false
    : answer.method === 'HEAD'
      ? !answer.selfDelimiting
      : answer.framing === 'until-close' || answer.framing === 'other-coding';
  const keep = answer.minor === 1 ? !answer.connection.close : answer.connection.keepAlive;
  return keep && !needsEof;
}

const noContent = (answer: CorpusAnswer) => answer.status === 204 || answer.status === 304;
const read = (outcome: FramingOutcome) => outcome === 'complete' || outcome === 'until-close';
const show = (answer: CorpusAnswer) =>
  `#${answer.index} ${answer.method} ${answer.quirk ?? 'plain'} ${JSON.stringify(answer.wire.toString('latin1').slice(0, 160))}`;

/** What is wrong with the pair of verdicts for `answer` (empty: as expected). */
function mismatches(answer: CorpusAnswer, node: NodeVerdict, reader: ReaderVerdict): string[] {
  const out: string[] = [];
  const meant = (who: string, v: { outcome: FramingOutcome; status: number; body: Buffer }) => {
    if (!read(v.outcome)) out.push(`${who} did not read it (${v.outcome})`);
    else if (v.status !== answer.status || !v.body.equals(answer.body))
      out.push(
        `${who} read ${v.status} with ${v.body.length} body bytes, meant ${answer.status}/${answer.body.length}`,
      );
  };
  const difference = answer.quirk === null ? undefined : DIFFERENCES[answer.quirk];
  if (difference !== undefined) {
    if (difference.llhttp === 'refuses' && node.outcome !== 'error')
      out.push(`llhttp did not refuse it (${node.outcome})`);
    if (difference.llhttp === 'reads' && node.outcome === 'error')
      out.push(`llhttp refused it (${node.code})`);
    if (difference.reader === 'refuses' && reader.outcome !== 'error')
      out.push(`the reader did not refuse it (${reader.outcome})`);
    if (difference.reader === 'reads') meant('the reader', reader);
    return out;
  }
  if (node.outcome !== reader.outcome) {
    out.push(`llhttp: ${node.outcome} ${node.code ?? ''}, reader: ${reader.outcome}`);
    return out;
  }
  if (!read(node.outcome)) return out;
  // Both read it: as meant, and alike.
  meant('llhttp', node);
  meant('the reader', reader);
  if (node.outcome === 'complete') {
    if (reader.reusable !== answer.reusable)
      out.push(`reader reusable ${reader.reusable}, RFC ${answer.reusable}`);
    if (node.keepAlive !== llhttpKeepAlive(answer))
      out.push(`llhttp keep-alive ${node.keepAlive}, expected otherwise`);
  } else if (reader.reusable || node.keepAlive) {
    out.push('a body until close left the connection reusable');
  }
  return out;
}

describe('ResponseReader frames answers as llhttp does', () => {
  const corpus = generateCorpus(SEED, COUNT);
  const readerVerdicts = corpus.map(readerVerdict);
  let oracle: LlhttpOracle;
  beforeAll(async () => {
    oracle = await LlhttpOracle.start();
  });
  afterAll(() => oracle.close());

  it(`agrees on ${COUNT} generated answers, except where it differs on purpose`, async () => {
    const wrong: string[] = [];
    const seen = new Map<string, number>();
    let keepAliveDiffers = 0;
    for (const answer of corpus) {
      const node = await oracle.read(answer);
      const reader = readerVerdicts[answer.index] as ReaderVerdict;
      for (const problem of mismatches(answer, node, reader)) wrong.push(`${show(answer)}: ${problem}`);
      const key = `${answer.quirk ?? 'plain'} llhttp=${node.outcome} reader=${reader.outcome}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if (node.outcome === 'complete' && reader.outcome === 'complete' && node.keepAlive !== reader.reusable)
        keepAliveDiffers++;
    }
    expect(wrong.slice(0, 20)).toEqual([]);
    // The corpus covers every quirk, each difference, and the framings that matter.
    for (const quirk of QUIRKS)
      expect(
        [...seen.keys()].some((k) => k.startsWith(`${quirk} `)),
        quirk,
      ).toBe(true);
    expect(seen.get('plain llhttp=complete reader=complete')).toBeGreaterThan(COUNT / 3);
    expect(seen.get('plain llhttp=until-close reader=until-close')).toBeGreaterThan(COUNT / 10);
    expect(seen.get('both-lengths llhttp=error reader=error')).toBeGreaterThan(0);
    expect(keepAliveDiffers).toBeGreaterThan(0);
  }, 60_000);

  it('a slice of them through a real proxy: a raw client gets exactly one response, framed as read', async () => {
    const byPath = new Map(corpus.slice(0, THROUGH_PROXY).map((a) => [`/corpus/${a.index}`, a]));
    // The upstream writes the pieces, then closes (which is how a body until close ends).
    let raw: RawServer | null = null;
    let mesh: MirrorMesh | null = null;
    try {
      raw = await startRawServer((req, socket) => {
        const answer = byPath.get(req.path);
        if (answer === undefined) socket.destroy();
        else writePieces(socket, answer.pieces, () => socket.end());
      });
      mesh = await startMirrorMesh({ v1Address: raw.address, percentage: 0 });
      const wrong: string[] = [];
      for (const [path, answer] of byPath) {
        const bytes = await rawExchange(
          mesh.outbound,
          `${answer.method} http://httpbin:8000${path} HTTP/1.1\r\nhost: httpbin:8000\r\nconnection: close\r\n\r\n`,
        );
        const problem = proxyMismatch(answer, readerVerdicts[answer.index] as ReaderVerdict, bytes);
        if (problem !== null) wrong.push(`${show(answer)}: ${problem}`);
      }
      expect(wrong.slice(0, 20)).toEqual([]);
    } finally {
      await mesh?.close();
      await raw?.close();
    }
  }, 60_000);
});

/** What is wrong with what the client got, given how the reader read the upstream's answer (null: nothing). */
function proxyMismatch(answer: CorpusAnswer, reader: ReaderVerdict, bytes: Buffer): string | null {
  const { responses, rest } = splitResponses(bytes, [answer.method === 'HEAD']);
  const summary = () =>
    `got ${JSON.stringify(responses.map((r) => [r.status, r.framing, r.complete, r.body.length]))} + ${rest.length} bytes`;
  if (!read(reader.outcome)) {
    if (reader.status === 0) {
      // Nothing went to the client yet: a local reply, and only that.
      const [status, flag] = reader.outcome === 'error' ? ([502, 'UPE'] as const) : ([503, 'UC'] as const);
      const [res] = responses;
      const ok =
        responses.length === 1 &&
        rest.length === 0 &&
        res?.status === status &&
        res.headers['x-shadowmesh-response-flags']?.[0] === flag &&
        res.body.toString() === (answer.method === 'HEAD' ? '' : `${LOCAL_REPLY_TEXT[flag]}\n`);
      return ok ? null : `expected one ${status} ${flag}, ${summary()}`;
    }
    // After the head: the client's response is broken off, never made to look complete.
    return responses.every((r) => !r.complete) ? null : `expected a broken-off response, ${summary()}`;
  }
  const [res] = responses;
  if (responses.length !== 1 || rest.length !== 0 || res === undefined || !res.complete)
    return `expected exactly one complete response, ${summary()}`;
  if (res.status !== reader.status || !res.body.equals(reader.body))
    return `expected ${reader.status} with ${reader.body.length} bytes, ${summary()}`;
  // A body's content-length was checked by the split (a longer or shorter body shows); a 204 has none.
  const length = res.headers['content-length'];
  if (length !== undefined && (length.length !== 1 || res.status === 204))
    return `content-length ${length.join(',')} on a ${res.status}`;
  return null;
}
