// Fuzz target (issue #12): hostile messages on a proxy's WebSocket (`/api/v1/proxies/connect`), over a real
// socket. Every message that is not protocol gets `{type:'error', code:'CP_ERR_PROXY_MESSAGE_INVALID'}`
// naming the field and the connection stays open; a hello of another protocol version is refused and the
// connection closed (1008); no handler throws, nothing is left unhandled, the listener stays up.
// `FUZZ_RUNS=10000` raises the runs (`npm run fuzz`).
import { PROXY_PROTOCOL_VERSION } from '@shadowmesh/api';
import { fuzzTimeout } from '@shadowmesh/api/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProxyMessage } from '../../services/push/proxy-messages.js';
import { type FuzzApp, fuzzOverSockets, listeningFuzzApp, type Outgoing } from '../../testing/fuzz-socket.js';
import {
  FUZZ_PROXY_IDS,
  helloMessage,
  hostileMessages,
  validProxyMessage,
} from '../../testing/ws-arbitraries.js';

const RUNS = 60;
const SYNC = JSON.stringify({ type: 'fuzz-sync' });
/** How an error names what is wrong: a protocol field, or what the message as a whole is. */
const NAMED =
  /^(not JSON: |a message must be a JSON object$|binary messages are not part of the protocol$|hello was already received$|(ack|nack|telemetry|flows) before hello$|(type|version|error|payload|protocolVersion|lastConfigVersion|proxy|proxy\.(id|workload|namespace|kind|labels|inbound|outbound|admin|listen)|proxy\.labels\..*) )/s;

interface Expected {
  errors: { code: string; message: string }[];
  welcomed: boolean;
  closed: boolean;
  /** telemetry and flows messages handed to the sinks (after the hello). */
  telemetry: number;
  flows: number;
}

/** What the protocol says the server answers to `sent`, message by message. */
function expected(sent: readonly Outgoing[]): Expected {
  const out: Expected = { errors: [], welcomed: false, closed: false, telemetry: 0, flows: 0 };
  const invalid = (message: string) => out.errors.push({ code: 'CP_ERR_PROXY_MESSAGE_INVALID', message });
  for (const m of sent) {
    if (!('text' in m)) {
      invalid('binary messages are not part of the protocol');
      continue;
    }
    // As the wire carries it: UTF-8 (a lone surrogate becomes U+FFFD).
    const parsed = parseProxyMessage(Buffer.from(m.text, 'utf8').toString('utf8'));
    if (!parsed.ok) invalid(parsed.error);
    else if (parsed.message.type === 'hello') {
      if (out.welcomed) invalid('hello was already received');
      else if (parsed.message.protocolVersion !== PROXY_PROTOCOL_VERSION) {
        out.errors.push({
          code: 'CP_ERR_PROXY_PROTOCOL_MISMATCH',
          message: expect.any(String) as unknown as string,
        });
        out.closed = true;
        return out;
      } else out.welcomed = true;
    } else if (!out.welcomed) invalid(`${parsed.message.type} before hello`);
    else if (parsed.message.type === 'telemetry') out.telemetry++;
    else if (parsed.message.type === 'flows') out.flows++;
  }
  return out;
}

let f: FuzzApp;
beforeAll(async () => {
  f = await listeningFuzzApp({ helloTimeoutMs: 60_000 });
});
afterAll(() => f.close());

describe('proxy WebSocket fuzz', () => {
  it(
    'fuzz: hostile proxy messages are refused one by one, as documented',
    async () => {
      const cases = fc.record({
        hello: fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...FUZZ_PROXY_IDS) },
          { weight: 1, arbitrary: fc.constant(null) },
        ),
        messages: fc.array(hostileMessages(validProxyMessage), { minLength: 1, maxLength: 6 }),
      });
      await fuzzOverSockets(
        f,
        '/api/v1/proxies/connect',
        cases,
        RUNS,
        async (socket, { hello, messages }) => {
          const sent: Outgoing[] = [
            ...(hello ? [{ text: JSON.stringify(helloMessage(hello)) }] : []),
            ...messages,
          ];
          const telemetry = f.app.telemetry.service.counters.messages;
          const flows = f.app.flows.flows.counters.messages;
          for (const m of sent) socket.send(m);
          socket.send({ text: SYNC });
          const want = expected(sent);
          const synced = () =>
            socket.messages.some((m) => (m as { message?: string }).message?.includes('fuzz-sync'));
          await socket.waitFor(
            () => (want.closed ? socket.closed !== null : synced()),
            'the sync answer or the close',
          );
          const errors = socket.messages.filter((m) => (m as { type?: string }).type === 'error');
          const received = errors.filter((m) => !(m as { message: string }).message.includes('"fuzz-sync"'));
          expect(received).toEqual(want.errors.map((e) => ({ type: 'error', ...e })));
          for (const e of received as { code: string; message: string }[]) {
            if (e.code === 'CP_ERR_PROXY_MESSAGE_INVALID') expect(e.message).toMatch(NAMED);
          }
          const welcomes = socket.messages.filter((m) => (m as { type?: string }).type === 'welcome');
          expect(welcomes).toHaveLength(want.welcomed ? 1 : 0);
          expect(f.app.telemetry.service.counters.messages - telemetry).toBe(want.telemetry);
          expect(f.app.flows.flows.counters.messages - flows).toBe(want.flows);
          if (want.closed) expect(socket.closed?.code).toBe(1008);
          else expect(socket.closed).toBeNull();
        },
      );
    },
    fuzzTimeout(RUNS, 30),
  );
});
