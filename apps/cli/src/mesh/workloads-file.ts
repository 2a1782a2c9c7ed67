// `<data>/workloads.json`: the workloads `run` and `demo` are running, so `exec` and `logs` can find their
// sidecars. Each entry names the runner process that owns it; entries of runners that are gone are dropped.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const WORKLOADS_FILE = 'workloads.json';
/** Bumped when an entry's shape changes; readers ignore files of another version. */
export const WORKLOADS_FILE_VERSION = 1;

export interface WorkloadRecord {
  name: string;
  namespace: string;
  kind: 'sidecar' | 'gateway';
  labels: Record<string, string>;
  proxyId: string;
  /** HOST:PORT of the admin listener (`/logs`, `/ready`, `/config_dump`). */
  admin: string;
  /** Sidecars: where mesh traffic arrives and the HTTP proxy for calls out; gateways: `listen` in inbound. */
  inbound: string | null;
  outbound: string | null;
  /** HOST:PORT of the application, null for a client-only workload or a gateway. */
  app: string | null;
  controlPlane: string;
  pids: { runner: number; proxy: number; app: number | null };
  startedAt: string;
}

interface WorkloadsDocument {
  version: number;
  workloads: WorkloadRecord[];
}

/** Entries whose runner is still alive (a missing or unreadable file is empty). */
export function readWorkloads(dataDir: string): WorkloadRecord[] {
  let doc: WorkloadsDocument;
  try {
    doc = JSON.parse(readFileSync(join(dataDir, WORKLOADS_FILE), 'utf8')) as WorkloadsDocument;
  } catch {
    return [];
  }
  if (doc?.version !== WORKLOADS_FILE_VERSION || !Array.isArray(doc.workloads)) return [];
  return doc.workloads.filter((w) => isAlive(w.pids?.runner));
}

/** Adds (or replaces, by namespace and name) `records`, dropping entries of runners that are gone. */
export function recordWorkloads(dataDir: string, records: readonly WorkloadRecord[]): void {
  const key = (w: WorkloadRecord) => `${w.kind}/${w.namespace}/${w.name}`;
  const replaced = new Set(records.map(key));
  write(dataDir, [...readWorkloads(dataDir).filter((w) => !replaced.has(key(w))), ...records]);
}

/** Removes the entries `runnerPid` recorded (when it stops). */
export function forgetWorkloads(dataDir: string, runnerPid: number): void {
  write(
    dataDir,
    readWorkloads(dataDir).filter((w) => w.pids.runner !== runnerPid),
  );
}

function write(dataDir: string, workloads: WorkloadRecord[]): void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, WORKLOADS_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  const doc: WorkloadsDocument = { version: WORKLOADS_FILE_VERSION, workloads };
  writeFileSync(tmp, `${JSON.stringify(doc, null, 2)}\n`);
  // rename is atomic: a reader sees the old file or the new one, never half of one.
  renameSync(tmp, file);
}

export function isAlive(pid: unknown): boolean {
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
