// A child process of the mesh (a sidecar, a demo app, Prometheus): started, awaited until it prints a
// ready line, its output kept (the tail, for error messages), and stopped with SIGTERM then SIGKILL.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The CLI entry (the same from src/ and dist/: both sit four levels under apps/). */
export const CLI_JS = fileURLToPath(new URL('../../../../cli/bin/shadowmesh.mjs', import.meta.url));
const CLI_BUILT = fileURLToPath(new URL('../../../../cli/dist/main.js', import.meta.url));

export function assertCliBuilt(): void {
  if (!existsSync(CLI_BUILT)) {
    throw new Error(`${CLI_BUILT} is missing: build first with \`node scripts/build.mjs\``);
  }
}

export interface StartOptions {
  command: string;
  args: readonly string[];
  /** Resolves once a line of stdout or stderr matches. */
  ready: RegExp;
  env?: Record<string, string>;
  timeoutMs?: number;
}

export interface RunningChild {
  process: ChildProcess;
  /** The ready line's match. */
  match: RegExpMatchArray;
  /** The last output lines (both streams). */
  output(): string;
  stop(): Promise<void>;
}

const KEEP_LINES = 200;

export function startChild(options: StartOptions): Promise<RunningChild> {
  const child = spawn(options.command, options.args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  const lines: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  const output = () => lines.join('\n');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(
        new Error(
          `${options.args.join(' ')} not ready after ${options.timeoutMs ?? 15_000} ms:\n${output()}`,
        ),
      );
    }, options.timeoutMs ?? 15_000);
    let settled = false;
    const onLine = (line: string) => {
      lines.push(line);
      if (lines.length > KEEP_LINES) lines.shift();
      const match = settled ? null : line.match(options.ready);
      if (match) {
        settled = true;
        clearTimeout(timer);
        resolve({ process: child, match, output, stop });
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      let partial = '';
      stream?.on('data', (chunk: Buffer) => {
        const parts = (partial + chunk.toString('utf8')).split('\n');
        partial = parts.pop() ?? '';
        for (const line of parts) onLine(line);
      });
    }
    child.once('exit', (code, signal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new Error(`${options.args.join(' ')} exited (${code ?? signal}) before ready:\n${output()}`));
    });
  });
}
