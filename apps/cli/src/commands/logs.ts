// `shadowmesh logs WORKLOAD [-f]`: the access log as the workload's inbound sidecar saw it (its admin
// `/logs`): time, method, path, status, duration and the Host as received, like `kubectl logs` of the app.
import type { Command } from 'commander';
import { CliError } from '../client/cli-error.js';
import { type CommandIO, processIO } from '../client/command-io.js';
import { clientCommand, println, runFromCommander } from '../client/run-command.js';
import { formatAccessEntry, parseAccessLog, type SidecarAccessEntry } from '../mesh/access-log-lines.js';
import { dataDirOf, findWorkload } from '../mesh/find-workload.js';
import { untilStopSignal } from '../stop-signal.js';

export interface LogsArgs {
  workload: string;
  namespace?: string;
  data?: string;
  follow?: boolean;
  tail?: string;
  output?: string;
  /** Follow mode polls this often. */
  pollMs?: number;
  /** Follow mode stops when this resolves (default: SIGINT/SIGTERM). */
  until?: Promise<unknown>;
}

const MAX_LINES = 10_000;

export const logsCommand = clientCommand<LogsArgs>(async (args, io) => {
  const output = args.output ?? 'text';
  if (output !== 'text' && output !== 'json') throw new CliError(`-o must be text or json, got "${output}"`);
  const tail = args.tail === undefined ? 1000 : Number(args.tail);
  if (!Number.isInteger(tail) || tail < 0 || tail > MAX_LINES) {
    throw new CliError(`--tail must be a whole number from 0 to ${MAX_LINES}, got "${args.tail}"`);
  }
  const workload = findWorkload(dataDirOf(args.data, io.cwd), args.workload, args.namespace);
  const print = (entries: SidecarAccessEntry[]) => {
    for (const e of entries) println(io.stdout, output === 'json' ? JSON.stringify(e) : formatAccessEntry(e));
  };
  const read = async (since: number, limit: number): Promise<SidecarAccessEntry[]> => {
    const url = `http://${workload.admin}/logs?since=${since}&limit=${limit}`;
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    } catch {
      throw new CliError(
        `cannot reach the sidecar of ${workload.name} at ${workload.admin}: is it still running?`,
      );
    }
    if (!res.ok)
      throw new CliError(
        `the sidecar of ${workload.name} answered ${res.status}: ${(await res.text()).trim()}`,
      );
    return parseAccessLog(await res.text());
  };

  const first = tail === 0 ? await read(0, 1) : await read(0, tail);
  if (tail > 0) print(first);
  if (!args.follow) return 0;
  let since = first.at(-1)?.seq ?? 0;
  let stopped = false;
  const stop = (args.until ?? untilStopSignal()).then(() => {
    stopped = true;
  });
  while (!stopped) {
    await Promise.race([stop, new Promise((resolve) => setTimeout(resolve, args.pollMs ?? 500))]);
    if (stopped) break;
    const entries = await read(since, MAX_LINES);
    print(entries);
    since = entries.at(-1)?.seq ?? since;
  }
  return 0;
});

export function register(program: Command, io?: CommandIO): void {
  program
    .command('logs')
    .description(
      "print a workload's access log as its inbound sidecar saw it (method, path, status, duration, Host)",
    )
    .argument('<workload>', 'workload name (a Deployment started by shadowmesh run or demo)')
    .option('-n, --namespace <ns>', 'the workload namespace (when the name is in several)')
    .option('-f, --follow', 'keep printing new requests until Ctrl-C')
    .option('--tail <n>', 'print the last N requests first (0: none)', '1000')
    .option('-o, --output <format>', 'text, or json (one /logs entry per line)', 'text')
    .option('--data <dir>', 'data directory where run/demo record their workloads', '.shadowmesh')
    .action((workload: string, options: Omit<LogsArgs, 'workload'>) =>
      runFromCommander(logsCommand, { workload, ...options }, io ?? processIO()),
    );
}
