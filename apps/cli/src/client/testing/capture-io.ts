// A CommandIO for tests: captures stdout/stderr and the exit code, feeds stdin from a string.
import type { CommandIO } from '../command-io.js';

export interface CapturedIO extends CommandIO {
  stdoutText(): string;
  stderrText(): string;
  exitCode: number | undefined;
}

export interface CaptureOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  stdin?: string;
  now?: Date;
}

export function captureIO(options: CaptureOptions = {}): CapturedIO {
  let out = '';
  let err = '';
  const io: CapturedIO = {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: (chunk: string) => (err += chunk) },
    stdin: (async function* () {
      if (options.stdin !== undefined) yield options.stdin;
    })(),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    now: () => options.now ?? new Date(),
    exitCode: undefined,
    setExitCode(code: number) {
      io.exitCode = code;
    },
    stdoutText: () => out,
    stderrText: () => err,
  };
  return io;
}
