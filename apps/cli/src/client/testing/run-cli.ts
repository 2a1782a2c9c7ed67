// Runs the client commands from argv, as `shadowmesh …` would, with captured output and exit code.
import { Command, CommanderError } from 'commander';
import { register as analyze } from '../../commands/analyze.js';
import { register as apply } from '../../commands/apply.js';
import { register as del } from '../../commands/delete.js';
import { register as diff } from '../../commands/diff.js';
import { register as exportConfig } from '../../commands/export.js';
import { register as get } from '../../commands/get.js';
import { register as history } from '../../commands/history.js';
import { register as proxyStatus } from '../../commands/proxy-status.js';
import { register as rollback } from '../../commands/rollback.js';
import { register as tap } from '../../commands/tap.js';
import type { CommandIO } from '../command-io.js';
import { type CaptureOptions, captureIO } from './capture-io.js';

const REGISTERS = [apply, diff, get, exportConfig, del, analyze, proxyStatus, history, rollback, tap];

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `runCli(['get', 'vs', '-o', 'yaml'], { env })`: parses like the real CLI; commander errors give their code. */
export async function runCli(argv: readonly string[], options: CaptureOptions = {}): Promise<CliRun> {
  const io = captureIO(options);
  const program = new Command('shadowmesh').exitOverride().configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
  });
  for (const register of REGISTERS) register(program, io as CommandIO);
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
