import { SHADOWMESH_VERSION } from '@shadowmesh/api';
import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands/index.js';

/** Builds the `shadowmesh` program with every subcommand registered. */
export function buildProgram(): Command {
  const program = new Command('shadowmesh')
    .description('A service mesh on your laptop, built for shadow traffic. Speaks Istio YAML.')
    .version(SHADOWMESH_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    // Subcommand flags such as `app --version v2` must not be taken by the program's own --version.
    .enablePositionalOptions()
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}

/** Runs the CLI; resolves with the exit code. Long-running commands resolve when they are stopped. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    // Commander already printed its own message (unknown flag, --help, --version).
    if (err instanceof CommanderError) return err.exitCode;
    throw err;
  }
}
