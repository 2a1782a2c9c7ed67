// `shadowmesh run`: unknown images refused before anything starts; --image-map runs a local command; Ctrl-C
// stops every process it started (real processes: build first).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  descendants,
  type MeshTestbed,
  processRunning,
  runInProcess,
  startMeshTestbed,
} from '../mesh/testing/mesh-harness.js';
import { readWorkloads } from '../mesh/workloads-file.js';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: registry.example.com/team/web:2.1
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
  selector:
    app: web
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: sleep
spec:
  template:
    metadata:
      labels:
        app: sleep
    spec:
      containers:
      - name: sleep
        image: curlimages/curl
`;

// A local stand-in for the image: answers with the PORT it was given and the proxy it should call through.
const SERVER = `${process.execPath} -e "require('http').createServer((q, s) => s.end('web on ' + process.env.PORT + ' via ' + process.env.http_proxy)).listen(process.env.PORT)"`;

let bed: MeshTestbed;
let file: string;

beforeAll(async () => {
  bed = await startMeshTestbed();
  file = join(bed.dataDir, 'web.yaml');
  writeFileSync(file, WEB);
});

afterAll(() => bed?.close(), 30_000);

describe('shadowmesh run', () => {
  it('refuses an unknown image with how to map it, starting nothing', async () => {
    const res = await runInProcess([
      'run',
      '-f',
      file,
      '--server',
      bed.cp.url,
      '--token',
      bed.cp.token,
      '--data',
      bed.dataDir,
    ]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      'error: Deployment web (' +
        file +
        '): image "registry.example.com/team/web:2.1" is not a demo image Shadowmesh can run',
    );
    expect(res.stderr).toContain("--image-map 'registry.example.com/team/web=python3 -m http.server $PORT'");
    expect(readWorkloads(bed.dataDir)).toEqual([]);
  });

  it('runs a mapped image as a local command behind a sidecar, and Ctrl-C leaves no process behind', async () => {
    const run = await bed.run(['-f', file, '--image-map', `registry.example.com/team/web=${SERVER}`]);
    const web = readWorkloads(bed.dataDir).find((w) => w.name === 'web');
    expect(web?.app).toMatch(/^127\.0\.0\.1:\d+$/);
    const res = await bed.cli(['exec', 'sleep', '--', 'curl', '-sS', 'http://web/']);
    const sleep = readWorkloads(bed.dataDir).find((w) => w.name === 'sleep');
    expect(res.stdout).toBe(`web on ${web?.app?.split(':')[1]} via http://${web?.outbound}`);
    expect(sleep).toBeDefined();

    const pids = descendants(run.child.pid);
    // Two sidecars, the shell, and the node server it started.
    expect(pids.length).toBeGreaterThanOrEqual(4);
    expect(await run.stop()).toEqual({ code: 0, signal: null });
    expect(run.child.tail()).toMatch(/stopping…\nstopped\n$/);
    await vi.waitFor(() => expect(pids.filter(processRunning)).toEqual([]), { timeout: 5_000 });
    expect(readWorkloads(bed.dataDir)).toEqual([]);
  }, 40_000);
});
