// One child process of a mesh runner: its output kept (a bounded tail, and a log file when asked), lines
// waited for, and a stop that escalates from SIGTERM to SIGKILL.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';

export interface ChildSpec {
  /** For messages: `back-v1 sidecar`. */
  name: string;
  command: string;
  args: readonly string[];
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Appends stdout and stderr here (created if needed). */
  logFile?: string | null;
  /**
   * Runs the child in a process group of its own and signals the whole group: for shell commands
   * (`--image-map`), whose own children must stop with them. Default: the runner's group.
   */
  ownGroup?: boolean;
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ChildHandle {
  readonly name: string;
  readonly pid: number;
  /** Resolves when the process has exited. */
  readonly exited: Promise<ChildExit>;
  /** Null while running. */
  exitStatus(): ChildExit | null;
  /** Resolves with the first match of `pattern` in the output (seen so far or later). */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** The last few KiB of output, for error messages. */
  tail(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<ChildExit>;
  /** SIGKILL now (synchronous: safe in an `exit` handler). */
  kill(): void;
}

const TAIL_BYTES = 16 * 1024;

export class ChildFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChildFailedError';
  }
}

export function startChild(spec: ChildSpec): ChildHandle {
  const child: ChildProcess = spawn(spec.command, [...spec.args], {
    cwd: spec.cwd,
    env: spec.env,
    // stdin stays a pipe the runner never writes: parent-watch.ts ends the child when it closes.
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: spec.ownGroup === true,
  });
  let log: WriteStream | null = spec.logFile ? createWriteStream(spec.logFile, { flags: 'a' }) : null;
  log?.on('error', () => {
    log = null;
  });
  let output = '';
  let status: ChildExit | null = null;
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    log?.write(chunk);
    output = (output + chunk.toString('utf8')).slice(-TAIL_BYTES);
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  child.stdin?.on('error', () => undefined);

  const exited = new Promise<ChildExit>((resolve) => {
    child.once('error', (err) => {
      output += `\n${err.message}`;
      status ??= { code: 127, signal: null };
      resolve(status);
    });
    child.once('exit', (code, signal) => {
      status = { code, signal };
      resolve(status);
    });
  }).then((exit) => {
    for (const listener of listeners) listener();
    log?.end();
    return exit;
  });

  const signal = (sig: NodeJS.Signals) => {
    if (status !== null || child.pid === undefined) return;
    try {
      if (spec.ownGroup) process.kill(-child.pid, sig);
      else child.kill(sig);
    } catch {
      // Already gone.
    }
  };

  return {
    name: spec.name,
    pid: child.pid ?? -1,
    exited,
    exitStatus: () => status,
    tail: () => output,
    waitForOutput: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) return finish(() => resolve(match));
          if (status !== null) {
            const how = status.signal ? `was killed by ${status.signal}` : `exited with code ${status.code}`;
            finish(() => reject(new ChildFailedError(`${spec.name} ${how}:\n${indent(output)}`)));
          }
        };
        const timer = setTimeout(
          () =>
            finish(() =>
              reject(
                new ChildFailedError(`${spec.name} was not ready within ${timeoutMs} ms:\n${indent(output)}`),
              ),
            ),
          timeoutMs,
        );
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      }),
    stop: async (graceMs = 5_000) => {
      if (status !== null) return status;
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), graceMs);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
    kill: () => signal('SIGKILL'),
  };
}

function indent(text: string): string {
  const lines = text.trimEnd().split('\n').slice(-20);
  return lines.length === 0 || (lines.length === 1 && lines[0] === '')
    ? '  (no output)'
    : lines.map((l) => `  ${l}`).join('\n');
}
