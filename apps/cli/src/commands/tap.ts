// `shadowmesh tap`: live requests matching a filter, one line each with the shadow answers beside the
// primary, as `linkerd viz tap` prints them; from the control plane's `/api/v1/tap` stream.
import { TAP_DEFAULT_RATE, TAP_MAX_RATE } from '@shadowmesh/api';
import { type Command, Option } from 'commander';
import { addClientOptions, type ClientOptions, resolveClientSettings } from '../client/client-options.js';
import { type CommandIO, processIO } from '../client/command-io.js';
import { clientCommand, println, runFromCommander } from '../client/run-command.js';
import { runTapConnection } from '../client/tap-connection.js';
import { TapPrinter } from '../client/tap-lines.js';
import { type TapFilterFlags, tapSubscribeFromFlags } from '../client/tap-subscribe-args.js';
import { untilStopSignal } from '../stop-signal.js';

export interface TapArgs extends ClientOptions, TapFilterFlags {
  output?: 'wide' | 'json';
  /** Stops the stream when it resolves (default: SIGINT/SIGTERM). */
  until?: Promise<unknown>;
  /** Reconnect backoff (tests shorten it). */
  backoff?: { initialMs: number; maxMs: number };
}

export const tapCommand = clientCommand<TapArgs>(async (args, io) => {
  const subscribe = tapSubscribeFromFlags(args);
  const settings = resolveClientSettings(args, io);
  const printer = new TapPrinter(args.output === 'json' ? 'json' : args.output === 'wide' ? 'wide' : 'line');
  let refused = false;
  await runTapConnection({
    settings,
    subscribe,
    until: args.until ?? untilStopSignal(),
    ...(args.backoff ? { backoff: args.backoff } : {}),
    onNotice: (line) => println(io.stderr, line),
    onMessage: (message) => {
      const { stdout, stderr } = printer.lines(message);
      for (const line of stdout) println(io.stdout, line);
      for (const line of stderr) println(io.stderr, line);
      // The server refused the subscription (this client sends only one): nothing will come, so stop.
      if (message.type !== 'error') return undefined;
      refused = true;
      return 'stop';
    },
  });
  return refused ? 1 : 0;
});

export function register(program: Command, io?: CommandIO): void {
  const command = program
    .command('tap')
    .description('stream live requests with their shadow answers, one line each (like linkerd viz tap)')
    .option('--service <name>', 'destination service: short name, name.namespace or host')
    .option('-n, --namespace <ns>', 'only requests of this namespace')
    .option('--workload <name>', 'source or destination workload')
    .option('--method <method>', 'HTTP method (GET, POST…)')
    .option('--path <prefix>', 'path prefix (/songs)')
    .option('--status <code>', 'status code (503), class (5xx), or 0 for no answer')
    .option('--rate <n>', `flows per second shown, at most ${TAP_MAX_RATE}`, String(TAP_DEFAULT_RATE))
    .addOption(
      new Option('-o, --output <format>', 'wide: more fields; json: each stream message as JSON').choices([
        'wide',
        'json',
      ]),
    );
  addClientOptions(command).action((options: TapArgs) =>
    runFromCommander(tapCommand, options, io ?? processIO()),
  );
}
