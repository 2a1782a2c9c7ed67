// Fuzz target (issue #12): hostile messages on the dashboard's graph stream (`/api/v1/stream`), over a real
// socket. A valid subscribe is answered with a snapshot; anything else closes the connection with 1008 and
// a reason that names the field; no handler throws, nothing is left unhandled, the listener stays up.
// `FUZZ_RUNS=10000` raises the runs (`npm run fuzz`).
import { fuzzTimeout } from '@shadowmesh/api/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSubscribe } from '../../services/telemetry/stream/graph-query.js';
import { type FuzzApp, fuzzOverSockets, listeningFuzzApp, type Outgoing } from '../../testing/fuzz-socket.js';
import { hostileMessages, validStreamSubscribe } from '../../testing/ws-arbitraries.js';

const RUNS = 60;
const FIELD = /^(message|type|namespaces(\[\d+\])?|graphType|durationSeconds): \S/;

/** Snapshots expected before the close (null: no close), message by message as the hub reads them. */
function expected(sent: readonly Outgoing[]): { snapshots: number; closes: boolean } {
  let snapshots = 0;
  for (const m of sent) {
    let parsed: unknown = null;
    try {
      parsed = 'text' in m ? JSON.parse(Buffer.from(m.text, 'utf8').toString('utf8')) : null;
    } catch {
      parsed = null;
    }
    if (!checkSubscribe(parsed).ok) return { snapshots, closes: true };
    snapshots++;
  }
  return { snapshots, closes: false };
}

let f: FuzzApp;
beforeAll(async () => {
  // No ticks during a case: every snapshot answers a subscribe.
  f = await listeningFuzzApp({ stream: { tickMs: 600_000, pingMs: 600_000 } });
});
afterAll(() => f.close());

describe('graph stream WebSocket fuzz', () => {
  it(
    'fuzz: a hostile subscribe closes the stream with the field named; valid ones get snapshots',
    async () => {
      const messages = fc.array(hostileMessages(validStreamSubscribe), { minLength: 1, maxLength: 4 });
      await fuzzOverSockets(f, '/api/v1/stream', messages, RUNS, async (socket, sent) => {
        for (const m of sent) socket.send(m);
        const want = expected(sent);
        const snapshots = () => socket.messages.filter((m) => (m as { type?: string }).type === 'snapshot');
        await socket.waitFor(
          () => (want.closes ? socket.closed !== null : snapshots().length === want.snapshots),
          want.closes ? 'the close' : `${want.snapshots} snapshots`,
        );
        expect(snapshots()).toHaveLength(want.snapshots);
        if (want.closes) {
          expect(socket.closed?.code).toBe(1008);
          expect(socket.closed?.reason).toMatch(FIELD);
        } else expect(socket.closed).toBeNull();
      });
    },
    fuzzTimeout(RUNS, 30),
  );
});
