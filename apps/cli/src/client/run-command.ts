// Turns a command body into `(args, io) => exit code`: errors go to stderr as readable lines, never a stack.
import { CliError, describeError } from './cli-error.js';
import { type CommandIO, processIO } from './command-io.js';

export type CommandFn<A> = (args: A, io: CommandIO) => Promise<number>;

/**
 * Wraps a command body so that any error becomes lines on stderr and a non-zero exit code (the error's own,
 * or `errorExitCode` for commands such as diff whose exit 1 means something else).
 */
export function clientCommand<A>(body: CommandFn<A>, options: { errorExitCode?: number } = {}): CommandFn<A> {
  return async (args, io) => {
    try {
      return await body(args, io);
    } catch (err) {
      for (const line of describeError(err)) io.stderr.write(`${line}\n`);
      // An unexpected error is a CLI bug: SHADOWMESH_DEBUG=1 shows where it came from.
      if (!(err instanceof CliError) && io.env.SHADOWMESH_DEBUG && err instanceof Error) {
        io.stderr.write(`${err.stack ?? ''}\n`);
      }
      return options.errorExitCode ?? (err instanceof CliError ? err.exitCode : 1);
    }
  };
}

/** Runs a command from a commander action and hands its exit code to `io.setExitCode`. */
export async function runFromCommander<A>(
  fn: CommandFn<A>,
  args: A,
  io: CommandIO | undefined,
): Promise<void> {
  const target = io ?? processIO();
  target.setExitCode(await fn(args, target));
}

/** Writes a line (adds the newline). */
export function println(sink: { write(chunk: string): unknown }, line = ''): void {
  sink.write(`${line}\n`);
}
