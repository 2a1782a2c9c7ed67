// What the acceptance tests share: a `shadowmesh run` as a real process (compiled JavaScript, build first),
// the client commands in-process with captured output, and waiting until a change reached every proxy.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import type { CommandIO } from '../../client/command-io.js';
import { ControlPlaneApi } from '../../client/control-plane-api.js';
import { type CaptureOptions, captureIO } from '../../client/testing/capture-io.js';
import { startTestControlPlane, type TestControlPlane } from '../../client/testing/test-control-plane.js';
import { register as apply } from '../../commands/apply.js';
import { register as demo } from '../../commands/demo.js';
import { register as exec } from '../../commands/exec.js';
import { register as logs } from '../../commands/logs.js';
import { register as run } from '../../commands/run.js';
import { type ChildExit, type ChildHandle, startChild } from '../child-process.js';
import { CLI_BIN } from '../cli-paths.js';
import { newestSentVersion, waitForSync } from '../mesh-sync.js';
import { readWorkloads } from '../workloads-file.js';

/** The compiled CLI, as users run it. */
export const MESH_CLI = CLI_BIN;

export const tutorialFile = (name: string): string =>
  fileURLToPath(new URL(`../../../../../tutorials/${name}`, import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A control plane in this process, a temporary data directory, and the commands pointed at both. */
export interface MeshTestbed {
  cp: TestControlPlane;
  api: ControlPlaneApi;
  /** Data directory of the `run` processes (workloads.json, logs/). */
  dataDir: string;
  /** `shadowmesh <argv>` (apply, exec, logs) in-process, with --server/--token/--data filled in where they apply. */
  cli(argv: readonly string[]): Promise<CliResult>;
  /** Starts `shadowmesh run <argv> --server … --token … --data …` and waits until its workloads run. */
  run(argv: readonly string[]): Promise<RunProcess>;
  /** Applies a file and waits until every running proxy is SYNCED on the result. */
  applyAndSync(file: string): Promise<CliResult>;
  close(): Promise<void>;
}

export interface RunProcess {
  child: ChildHandle;
  /** SIGINT (as Ctrl-C), and the exit. */
  stop(): Promise<ChildExit>;
}

export async function startMeshTestbed(): Promise<MeshTestbed> {
  const cp = await startTestControlPlane();
  const dataDir = mkdtempSync(join(tmpdir(), 'shadowmesh-mesh-'));
  const api = new ControlPlaneApi({ server: cp.url, token: cp.token });
  const runs: RunProcess[] = [];
  const client = ['--server', cp.url, '--token', cp.token];

  const cli = async (argv: readonly string[]): Promise<CliResult> => {
    const [name] = argv;
    const extra = name === 'apply' ? client : name === 'exec' || name === 'logs' ? ['--data', dataDir] : [];
    // Options go before `--` (exec's command follows it).
    const dash = argv.indexOf('--');
    const full = dash < 0 ? [...argv, ...extra] : [...argv.slice(0, dash), ...extra, ...argv.slice(dash)];
    return runInProcess(full, { env: { PATH: process.env.PATH } });
  };

  const run = async (argv: readonly string[]): Promise<RunProcess> => {
    const child = startChild({
      name: 'shadowmesh run',
      command: process.execPath,
      args: [MESH_CLI, 'run', ...argv, ...client, '--data', dataDir],
      env: { PATH: process.env.PATH ?? '' },
    });
    const handle: RunProcess = {
      child,
      stop: async () => {
        if (child.exitStatus() === null) process.kill(child.pid, 'SIGINT');
        const timer = setTimeout(() => child.kill(), 15_000);
        const exit = await child.exited;
        clearTimeout(timer);
        return exit;
      },
    };
    runs.push(handle);
    await child.waitForOutput(/^Running \d+ workloads/m, 30_000);
    return handle;
  };

  const applyAndSync = async (file: string): Promise<CliResult> => {
    const before = await newestSentVersion(api);
    const result = await cli(['apply', '-f', file]);
    if (result.code !== 0) throw new Error(`apply -f ${file} failed:\n${result.stderr}`);
    const changed = /\b(created|configured)$/m.test(result.stdout);
    const ids = readWorkloads(dataDir).map((w) => w.proxyId);
    await waitForSync(api, ids, { after: changed ? before : null, timeoutMs: 10_000 });
    return result;
  };

  return {
    cp,
    api,
    dataDir,
    cli,
    run,
    applyAndSync,
    close: async () => {
      await Promise.all(runs.map((r) => r.stop()));
      await cp.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs apply/exec/logs (and run/demo, for what they answer before starting anything) with captured output. */
export async function runInProcess(
  argv: readonly string[],
  options: CaptureOptions = {},
): Promise<CliResult> {
  const io = captureIO(options);
  const program = new Command('shadowmesh')
    .exitOverride()
    .enablePositionalOptions()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  for (const register of [apply, exec, logs, run, demo]) register(program, io as CommandIO);
  let code: number;
  try {
    await program.parseAsync(['node', 'shadowmesh', ...argv]);
    code = io.exitCode ?? 0;
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    code = err.exitCode;
  }
  return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
}

/** Access-log entries of a workload (`logs -o json`), newest `tail` of them. */
export async function accessLog(
  bed: MeshTestbed,
  workload: string,
  namespace = 'default',
  tail = 1000,
): Promise<Array<{ seq: number; path: string; authority: string; status: number; shadow: boolean }>> {
  const result = await bed.cli(['logs', workload, '-n', namespace, '-o', 'json', '--tail', String(tail)]);
  if (result.code !== 0) throw new Error(`logs ${workload} failed: ${result.stderr}`);
  return result.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
}

/** True while `pid` runs (a zombie waiting to be reaped counts as gone). Linux: reads /proc. */
export function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Every descendant of `pid` (children, their children…), from /proc. */
export function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)]);
    } catch {
      // Exited while we read.
    }
  }
  const out: number[] = [];
  for (let queue = [pid]; queue.length > 0; ) {
    const next = parents.get(queue.shift() as number) ?? [];
    out.push(...next);
    queue.push(...next);
  }
  return out;
}
