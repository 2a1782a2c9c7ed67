// SIGKILL crash safety: a child control plane (compiled JS) takes a stream of writes and is killed
// at seeded random moments; after each restart every acknowledged write is there, nothing
// unacknowledged is half there, and no object is half-written.
import { afterAll, describe, expect, it } from 'vitest';
import { type ChildControlPlane, startChild } from '../../testing/child-process.js';
import { seededRandom } from '../../testing/seeded-random.js';
import { tempDir } from '../../testing/test-app.js';

const SEED = 20_011;
const MIN_KILLS = 20;
const MIN_ACKED = 500;
const MAX_ROUNDS = 60;
const WRITERS = 4;

type Write =
  | { kind: 'create'; seq: number }
  | { kind: 'counter'; seq: number }
  | { kind: 'batch'; seq: number };

interface ServiceItem {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: { ports?: Array<{ name?: string; port: number }> };
}

/** A Service whose fields all encode `seq`, so a torn object is detectable. */
function service(name: string, seq: number, labels: Record<string, string> = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels: { seq: String(seq), ...labels }, annotations: { check: `${name}:${seq}` } },
    spec: { selector: { app: name }, ports: [{ name: `p${seq}`, port: 10_000 + (seq % 50_000) }] },
  };
}

function consistentSeq(item: ServiceItem): number {
  const seq = Number(item.metadata.labels?.seq);
  const port = item.spec.ports?.[0];
  const ok =
    Number.isInteger(seq) &&
    item.metadata.annotations?.check === `${item.metadata.name}:${seq}` &&
    port?.name === `p${seq}` &&
    port.port === 10_000 + (seq % 50_000);
  if (!ok) throw new Error(`half-written object: ${JSON.stringify(item)}`);
  return seq;
}

async function send(url: string, write: Write): Promise<boolean> {
  const headers = { 'content-type': 'application/json', 'x-shadowmesh-client': 'cli' };
  let res: Response;
  if (write.kind === 'create') {
    res = await fetch(`${url}/api/v1/namespaces/default/services`, {
      method: 'POST',
      headers,
      body: JSON.stringify(service(`w-${write.seq}`, write.seq)),
    });
  } else if (write.kind === 'counter') {
    res = await fetch(`${url}/api/v1/apply`, {
      method: 'POST',
      headers,
      body: JSON.stringify(service('counter', write.seq)),
    });
  } else {
    const docs = [0, 1, 2].map((i) =>
      service(`b-${write.seq}-${i}`, write.seq, { batch: String(write.seq) }),
    );
    res = await fetch(`${url}/api/v1/apply`, { method: 'POST', headers, body: JSON.stringify(docs) });
  }
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`write ${JSON.stringify(write)} refused with ${res.status}`);
  return true;
}

describe('store crash safety', () => {
  const dir = tempDir('shadowmesh-crash-');
  let child: ChildControlPlane | null = null;
  afterAll(async () => {
    child?.process.kill('SIGKILL');
    await child?.exited;
    dir.remove();
  });

  it(`keeps every acknowledged write across ≥${MIN_KILLS} SIGKILLs and ≥${MIN_ACKED} acknowledged writes`, async () => {
    const random = seededRandom(SEED);
    const acked: Write[] = [];
    const unacked: Write[] = [];
    let seq = 0;
    let kills = 0;
    let lastRevision = 0;

    const verify = async (url: string) => {
      const list = (await (await fetch(`${url}/api/v1/services`)).json()) as { items: ServiceItem[] };
      const byName = new Map(list.items.map((i) => [i.metadata.name, consistentSeq(i)]));
      for (const w of acked) {
        if (w.kind === 'create') expect(byName.get(`w-${w.seq}`), `acked create ${w.seq}`).toBe(w.seq);
        if (w.kind === 'batch') for (const i of [0, 1, 2]) expect(byName.get(`b-${w.seq}-${i}`)).toBe(w.seq);
      }
      for (const w of unacked.filter((x) => x.kind === 'batch')) {
        const present = [0, 1, 2].filter((i) => byName.has(`b-${w.seq}-${i}`)).length;
        expect([0, 3], `batch ${w.seq} is all or nothing`).toContain(present);
      }
      const counters = acked.filter((w) => w.kind === 'counter').map((w) => w.seq);
      if (counters.length > 0) expect(byName.get('counter')!).toBeGreaterThanOrEqual(Math.max(...counters));
      const history = (await (await fetch(`${url}/api/v1/history?limit=1`)).json()) as {
        headRevision: number;
      };
      expect(history.headRevision).toBeGreaterThanOrEqual(lastRevision);
      lastRevision = history.headRevision;
    };

    for (let round = 0; round < MAX_ROUNDS && (kills < MIN_KILLS || acked.length < MIN_ACKED); round++) {
      child = await startChild(['--data', dir.path, '--listen', '127.0.0.1:0', '--auth', 'none']);
      const { url } = child;
      await verify(url);
      let killed = false;
      // Kill after a seeded number of acknowledged writes (not after a delay), so a slow machine gets
      // the same number of writes per round; the other writers are mid-request at that moment.
      const killAfter = 15 + Math.floor(random() * 30);
      let ackedThisRound = 0;
      let reachedTarget: () => void = () => {};
      const targetReached = new Promise<void>((resolve) => {
        reachedTarget = resolve;
      });
      const writer = async (id: number) => {
        while (!killed) {
          const r = random();
          const write: Write =
            id === 0 && r < 0.3
              ? { kind: 'counter', seq: ++seq }
              : r > 0.85
                ? { kind: 'batch', seq: ++seq }
                : { kind: 'create', seq: ++seq };
          try {
            // A 2xx answer is sent only after the commit: it is acknowledged even if the kill follows.
            await send(url, write);
            acked.push(write);
            if (++ackedThisRound >= killAfter) reachedTarget();
          } catch (error) {
            if (!killed) throw error;
            unacked.push(write);
          }
        }
      };
      const writers = Array.from({ length: WRITERS }, (_, i) => writer(i));
      // A writer that fails before the target ends the round at once (and the test with its error).
      await Promise.race([targetReached, Promise.all(writers)]);
      killed = true;
      child.process.kill('SIGKILL');
      kills++;
      await child.exited;
      await Promise.all(writers);
      child = null;
    }
    child = await startChild(['--data', dir.path, '--listen', '127.0.0.1:0', '--auth', 'none']);
    await verify(child.url);
    console.log(
      `crash safety: ${kills} SIGKILLs, ${acked.length} acknowledged writes, ${unacked.length} in flight at kills`,
    );
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
    expect(acked.length).toBeGreaterThanOrEqual(MIN_ACKED);
    // ~21 s alone; 20 child restarts slow down a lot when the other test files share the 2 cores.
  }, 180_000);
});
