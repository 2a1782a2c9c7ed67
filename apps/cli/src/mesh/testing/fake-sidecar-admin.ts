// For exec and logs tests: a data directory with recorded workloads whose sidecar admin is a small
// loopback server serving `/logs` (JSON lines after `since`, the newest `limit`), as a sidecar does.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordWorkloads, type WorkloadRecord } from '../workloads-file.js';

export interface FakeSidecars {
  dataDir: string;
  entries: Array<Record<string, unknown> & { seq: number }>;
  addEntry(path: string, authority: string, shadow?: boolean): void;
  close(): Promise<void>;
}

/** Records sleep, httpbin-v2, back (music), back (shop) and `gone` (whose admin nothing answers). */
export async function startFakeSidecars(): Promise<FakeSidecars> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shadowmesh-fake-'));
  const entries: FakeSidecars['entries'] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://admin');
    const since = Number(url.searchParams.get('since'));
    const limit = Number(url.searchParams.get('limit'));
    const out = entries.filter((e) => e.seq > since).slice(-limit);
    res.end(out.map((e) => `${JSON.stringify(e)}\n`).join(''));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const admin = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const record = (name: string, namespace: string, at: string): WorkloadRecord => ({
    name,
    namespace,
    kind: 'sidecar',
    labels: { app: name },
    proxyId: `${name}.${namespace}-x`,
    admin: at,
    inbound: '127.0.0.1:2',
    outbound: '127.0.0.1:3128',
    app: null,
    controlPlane: 'http://127.0.0.1:20001',
    pids: { runner: process.pid, proxy: 1, app: null },
    startedAt: '2025-01-01T00:00:00.000Z',
  });
  recordWorkloads(dataDir, [
    record('sleep', 'default', admin),
    record('httpbin-v2', 'default', admin),
    record('back', 'music', admin),
    record('back', 'shop', admin),
    record('gone', 'default', '127.0.0.1:1'),
  ]);
  return {
    dataDir,
    entries,
    addEntry: (path, authority, shadow = false) => {
      const seq = entries.length + 1;
      entries.push({
        seq,
        time: `2025-05-01T10:00:0${seq - 1}.000Z`,
        method: 'GET',
        path,
        authority,
        status: 200,
        flags: '-',
        durationMs: 2,
        requestId: `id-${seq}`,
        shadow,
        sourceWorkload: 'sleep',
      });
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
