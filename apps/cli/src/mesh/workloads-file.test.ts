import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  forgetWorkloads,
  readWorkloads,
  recordWorkloads,
  WORKLOADS_FILE,
  type WorkloadRecord,
} from './workloads-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shadowmesh-wl-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const record = (name: string, runner = process.pid): WorkloadRecord => ({
  name,
  namespace: 'default',
  kind: 'sidecar',
  labels: { app: name },
  proxyId: `${name}.default-abc`,
  admin: '127.0.0.1:1',
  inbound: '127.0.0.1:2',
  outbound: '127.0.0.1:3',
  app: null,
  controlPlane: 'http://127.0.0.1:20001',
  pids: { runner, proxy: 1, app: null },
  startedAt: '2025-01-01T00:00:00.000Z',
});

/** The pid of a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid as number;

describe('workloads.json', () => {
  it('records, replaces by name, and forgets by runner', () => {
    expect(readWorkloads(dir)).toEqual([]);
    recordWorkloads(dir, [record('a'), record('b')]);
    recordWorkloads(dir, [{ ...record('a'), admin: '127.0.0.1:9' }]);
    expect(readWorkloads(dir).map((w) => [w.name, w.admin])).toEqual([
      ['b', '127.0.0.1:1'],
      ['a', '127.0.0.1:9'],
    ]);
    expect(JSON.parse(readFileSync(join(dir, WORKLOADS_FILE), 'utf8')).version).toBe(1);
    forgetWorkloads(dir, process.pid);
    expect(readWorkloads(dir)).toEqual([]);
  });

  it('drops the entries of runners that are gone', () => {
    recordWorkloads(dir, [record('stale', deadPid()), record('live')]);
    expect(readWorkloads(dir).map((w) => w.name)).toEqual(['live']);
  });

  it('ignores a file of another version or that is not JSON', () => {
    writeFileSync(join(dir, WORKLOADS_FILE), JSON.stringify({ version: 99, workloads: [record('x')] }));
    expect(readWorkloads(dir)).toEqual([]);
    writeFileSync(join(dir, WORKLOADS_FILE), '{not json');
    expect(readWorkloads(dir)).toEqual([]);
  });
});
