// What a command touches of the outside world, passed in so tests can capture it.
import { readFileSync } from 'node:fs';

export interface TextSink {
  write(chunk: string): unknown;
}

/** The streams, environment and clock a client command uses; `processIO()` is the real one. */
export interface CommandIO {
  stdout: TextSink;
  stderr: TextSink;
  /** Read for `-f -`. */
  stdin: AsyncIterable<string | Uint8Array>;
  env: Record<string, string | undefined>;
  /** Relative `-f` and `--data` paths resolve against it. */
  cwd: string;
  now: () => Date;
  /** Where an action's exit code goes (the real one sets `process.exitCode`, which `main()` returns). */
  setExitCode(code: number): void;
}

export function processIO(): CommandIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
    setExitCode: (code) => {
      process.exitCode = code;
    },
  };
}

/** Reads all of a stream as UTF-8 text. */
export async function readAllText(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let out = '';
  for await (const chunk of stream) {
    out += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  }
  return out + decoder.decode();
}

/** Reads a small text file, or null when it does not exist. */
export function readTextFileIfPresent(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
