// Fuzz target (issue #12): hostile messages on the dashboard's tap (`/api/v1/tap`), over a real socket.
// Anything but a valid subscribe is answered `{type:'error', code:'CP_ERR_BAD_REQUEST', field, message}`
// naming the field, and the connection stays open; no handler throws, nothing is left unhandled, the
// listener stays up. `FUZZ_RUNS=10000` raises the runs (`npm run fuzz`).
import { fuzzTimeout } from '@shadowmesh/api/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTapSubscribe } from '../../services/flows/tap/tap-subscribe.js';
import { type FuzzApp, fuzzOverSockets, listeningFuzzApp, type Outgoing } from '../../testing/fuzz-socket.js';
import { hostileMessages, validTapSubscribe } from '../../testing/ws-arbitraries.js';

const RUNS = 60;
const SYNC = 'fuzz-sync (not JSON)';

interface TapError {
  type: 'error';
  code: string;
  field: string;
  message: string;
}

/** The fields of the errors the tap answers `sent` with, in order (at most 5 subscribes a second). */
function expectedFields(sent: readonly Outgoing[]): string[] {
  const fields: string[] = [];
  let subscribes = 0;
  for (const m of sent) {
    if (!('text' in m)) fields.push('(root)');
    else {
      const parsed = parseTapSubscribe(Buffer.from(m.text, 'utf8').toString('utf8'));
      if (!parsed.ok) fields.push(parsed.field);
      else if (++subscribes > 5) fields.push('(root)');
    }
  }
  return fields;
}

let f: FuzzApp;
beforeAll(async () => {
  f = await listeningFuzzApp();
});
afterAll(() => f.close());

describe('tap WebSocket fuzz', () => {
  it('collects error-level log lines as crashes (the fuzz targets rely on it)', () => {
    f.app.log.error('a handler failed');
    expect(f.crashes).toHaveLength(1);
    f.crashes.length = 0;
  });

  it(
    'fuzz: hostile tap messages get an error naming the field, and the tap stays open',
    async () => {
      const messages = fc.array(hostileMessages(validTapSubscribe), { minLength: 1, maxLength: 6 });
      await fuzzOverSockets(f, '/api/v1/tap', messages, RUNS, async (socket, sent) => {
        for (const m of sent) socket.send(m);
        socket.send({ text: SYNC });
        const want = expectedFields(sent);
        const errors = () => socket.messages.filter((m): m is TapError => (m as TapError).type === 'error');
        await socket.waitFor(
          () => errors().length > want.length || socket.closed !== null,
          'the sync answer',
        );
        expect(errors().at(-1)?.message).toMatch(/^not JSON: /);
        const answered = errors().slice(0, -1);
        expect(answered.map((e) => e.field)).toEqual(want);
        for (const e of answered) {
          expect(e.code).toBe('CP_ERR_BAD_REQUEST');
          expect(e.field).not.toBe('');
          expect(e.message.trim()).not.toBe('');
        }
        expect(socket.closed).toBeNull();
      });
    },
    fuzzTimeout(RUNS, 30),
  );
});
