// Fault (issue 12): the data directory fills up, or turns read-only, under a running control plane (a
// child process, compiled JS). Writes are refused with 507 CP_ERR_STORE_UNWRITABLE naming the directory,
// reads keep working, writes are accepted again once it is fixed, and after a SIGKILL and a restart
// every accepted write is there and no refused one.
//
// Full: a small tmpfs mounted over a temp dir, filled with a file. Read-only: as root, permission bits
// do not stop writes, and a read-only remount fails (EBUSY) while the database is open for writing, so
// the database, its WAL and the directory are made immutable (`chattr +i`; not the -shm file, which
// SQLite writes through a shared mapping: that would be a SIGBUS, not an error). Either case is skipped,
// saying why, where the machine cannot do it (mount needs root, chattr needs ext4/xfs/btrfs/tmpfs…).
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChildControlPlane, startChild } from '../../testing/child-process.js';
import { tempDir } from '../../testing/test-app.js';
import { TestProxy } from '../../testing/test-proxy.js';
import { DATABASE_FILE } from './database.js';

const HEADERS = { 'content-type': 'application/json', 'x-shadowmesh-client': 'cli' };

function service(name: string) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, annotations: { padding: 'x'.repeat(8_000) } },
    spec: { selector: { app: name }, ports: [{ name: 'http', port: 8000 }] },
  };
}

interface Answer {
  status: number;
  body: { code?: string; message?: string; details?: Record<string, unknown> };
}

async function call(url: string, method: string, path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: HEADERS,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Answer['body']) : {} };
}

const apply = (url: string, name: string) => call(url, 'POST', '/api/v1/apply', service(name));

async function names(url: string): Promise<string[]> {
  const list = (await call(url, 'GET', '/api/v1/services')).body as unknown as {
    items: Array<{ metadata: { name: string } }>;
  };
  return list.items.map((i) => i.metadata.name).sort();
}

function run(command: string, args: string[]): string | null {
  try {
    execFileSync(command, args, { stdio: 'pipe' });
    return null;
  } catch (error) {
    const e = error as { stderr?: Buffer; message: string };
    return e.stderr?.toString().trim() || e.message;
  }
}

/** Writes zeros until the file system says ENOSPC; returns the filler's path. */
function fill(dir: string): string {
  const path = join(dir, 'filler');
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (let i = 0; i < 100_000; i++) writeSync(fd, chunk);
    throw new Error(`${dir} did not fill up`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return path;
}

describe('a data directory that cannot be written', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) {
      try {
        await c();
      } catch (error) {
        console.log(`cleanup failed: ${(error as Error).message}`);
      }
    }
  });

  async function controlPlane(dataDir: string): Promise<ChildControlPlane> {
    const child = await startChild(['--data', dataDir, '--listen', '127.0.0.1:0', '--auth', 'none']);
    cleanups.push(async () => {
      child.process.kill('SIGKILL');
      await child.exited;
    });
    return child;
  }

  /** The shared checks once the directory is broken: refused writes, working reads. */
  async function expectRefusedWrites(url: string, dataDir: string, reason: string, accepted: string[]) {
    const refused = await apply(url, 'refused-apply');
    expect(refused.status, JSON.stringify(refused.body)).toBe(507);
    expect(refused.body.code).toBe('CP_ERR_STORE_UNWRITABLE');
    expect(refused.body.message).toContain(dataDir);
    expect(refused.body.details).toMatchObject({ dataDir, reason });
    const created = await call(url, 'POST', '/api/v1/namespaces/default/services', service('refused-create'));
    expect([created.status, created.body.code]).toEqual([507, 'CP_ERR_STORE_UNWRITABLE']);
    const deleted = await call(url, 'DELETE', `/api/v1/namespaces/default/services/${accepted[0]}`);
    expect([deleted.status, deleted.body.code]).toEqual([507, 'CP_ERR_STORE_UNWRITABLE']);
    // Reads: the objects, their history, and proxy-status.
    expect(await names(url)).toEqual([...accepted].sort());
    const history = (await call(url, 'GET', '/api/v1/history?limit=100')).body as unknown as {
      items: Array<{ name: string }>;
    };
    expect(history.items.map((r) => r.name).sort()).toEqual([...accepted].sort());
    // A proxy connecting now still gets the accepted config (keeping its endpoint for a restart fails,
    // logged, and costs nothing else).
    const proxy = await TestProxy.connect(url);
    cleanups.push(() => proxy.close());
    proxy.hello({ id: 'httpbin.default-000001', inbound: '127.0.0.1:9' });
    const snapshot = await proxy.waitForConfig(() => true);
    const served = snapshot.resources.map((r) => r.metadata.name).sort();
    expect(served).toEqual([...accepted].sort());
    proxy.send({ type: 'ack', version: snapshot.version });
    await proxy.close();
    const statuses = (await call(url, 'GET', '/api/v1/proxy-status')).body as unknown as unknown[];
    expect(statuses).toHaveLength(1);
    return refused.body.message;
  }

  /** After the fix: writes are accepted again, and a SIGKILL loses none of the accepted ones. */
  async function expectRecovery(child: ChildControlPlane, dataDir: string, accepted: string[]) {
    expect((await apply(child.url, 'after-fix')).status).toBe(200);
    child.process.kill('SIGKILL');
    await child.exited;
    const again = await controlPlane(dataDir);
    expect(await names(again.url)).toEqual([...accepted, 'after-fix'].sort());
  }

  it('refuses writes with 507 while the disk is full, keeps reads, and recovers when space is freed', async (ctx) => {
    const mountPoint = tempDir('shadowmesh-full-');
    cleanups.push(mountPoint.remove);
    const failed = run('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint.path]);
    if (failed !== null) {
      console.log(`disk-full case skipped: cannot mount a tmpfs (${failed}); it needs root`);
      ctx.skip();
      return;
    }
    cleanups.push(() => {
      const error = run('umount', ['-l', mountPoint.path]);
      if (error) throw new Error(`umount ${mountPoint.path}: ${error}`);
    });
    const dataDir = join(mountPoint.path, 'data');
    const child = await controlPlane(dataDir);
    const accepted = ['a-0', 'a-1', 'a-2'];
    for (const name of accepted) expect((await apply(child.url, name)).status).toBe(200);
    const filler = fill(mountPoint.path);
    const message = await expectRefusedWrites(child.url, dataDir, 'full', accepted);
    unlinkSync(filler);
    await expectRecovery(child, dataDir, accepted);
    console.log(`disk full: refused with 507: ${message}`);
  }, 30_000);

  it('refuses writes with 507 while the directory is read-only, keeps reads, and recovers', async (ctx) => {
    const dir = tempDir('shadowmesh-readonly-');
    cleanups.push(dir.remove);
    const dataDir = join(dir.path, 'data');
    mkdirSync(dataDir);
    const child = await controlPlane(dataDir);
    const accepted = ['r-0', 'r-1', 'r-2'];
    for (const name of accepted) expect((await apply(child.url, name)).status).toBe(200);
    const files = [join(dataDir, DATABASE_FILE), join(dataDir, `${DATABASE_FILE}-wal`), dataDir].filter(
      existsSync,
    );
    const failed = run('chattr', ['+i', ...files]);
    if (failed !== null) {
      run('chattr', ['-i', ...files]);
      console.log(`read-only case skipped: chattr +i is not available here (${failed})`);
      ctx.skip();
      return;
    }
    let immutable = true;
    const release = () => {
      if (!immutable) return;
      const error = run('chattr', ['-i', ...files]);
      if (error) throw new Error(`chattr -i: ${error}`);
      immutable = false;
    };
    // Before the directory's removal (cleanups run in reverse order).
    cleanups.push(release);
    const message = await expectRefusedWrites(child.url, dataDir, 'read-only', accepted);
    release();
    await expectRecovery(child, dataDir, accepted);
    console.log(`read-only: refused with 507: ${message}`);
  }, 30_000);
});
