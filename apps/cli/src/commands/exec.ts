// `shadowmesh exec WORKLOAD -- COMMAND…`: runs COMMAND with the workload's sidecar outbound listener as
// its HTTP proxy, as `kubectl exec` runs a command inside a pod whose traffic the sidecar intercepts.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { Command } from 'commander';
import { CliError } from '../client/cli-error.js';
import { type CommandIO, processIO } from '../client/command-io.js';
import { clientCommand, runFromCommander } from '../client/run-command.js';
import { dataDirOf, findWorkload } from '../mesh/find-workload.js';

export interface ExecArgs {
  workload: string;
  command: string[];
  namespace?: string;
  data?: string;
}

export const execCommand = clientCommand<ExecArgs>(async (args, io) => {
  const [file, ...rest] = args.command;
  if (file === undefined)
    throw new CliError('a command is required: shadowmesh exec WORKLOAD -- COMMAND [ARGS…]');
  const workload = findWorkload(dataDirOf(args.data, io.cwd), args.workload, args.namespace);
  const proxy = `http://${workload.outbound}`;
  // curl reads only the lowercase http_proxy for http:// URLs; other tools read HTTP_PROXY. An empty no_proxy
  // sends every host, loopback included, through the sidecar.
  const env = {
    ...io.env,
    http_proxy: proxy,
    HTTP_PROXY: proxy,
    no_proxy: '',
    NO_PROXY: '',
    SHADOWMESH_WORKLOAD: workload.name,
    SHADOWMESH_NAMESPACE: workload.namespace,
  };
  const inherit = io.stdout === process.stdout && io.stderr === process.stderr;
  return new Promise<number>((resolve) => {
    const child = spawn(file, rest, {
      cwd: io.cwd,
      env,
      stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => io.stdout.write(chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => io.stderr.write(chunk.toString('utf8')));
    // While the command runs, Ctrl-C is its business (the terminal sends it the signal too).
    const ignore = () => undefined;
    process.on('SIGINT', ignore);
    child.once('error', (err: NodeJS.ErrnoException) => {
      process.off('SIGINT', ignore);
      const missing = err.code === 'ENOENT';
      io.stderr.write(`error: ${file}: ${missing ? 'command not found' : err.message}\n`);
      resolve(missing ? 127 : 126);
    });
    child.once('close', (code, signal) => {
      process.off('SIGINT', ignore);
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
});

export function register(program: Command, io?: CommandIO): void {
  program
    .command('exec')
    .description("run a command with a workload's sidecar as its HTTP proxy (like kubectl exec)")
    .argument('<workload>', 'workload name (a Deployment started by shadowmesh run or demo)')
    .argument('<command...>', 'the command and its arguments, after --')
    .option('-n, --namespace <ns>', 'the workload namespace (when the name is in several)')
    .option('--data <dir>', 'data directory where run/demo record their workloads', '.shadowmesh')
    .action((workload: string, command: string[], options: { namespace?: string; data?: string }) =>
      runFromCommander(execCommand, { workload, command, ...options }, io ?? processIO()),
    );
}
