import {
  createDemoLogger,
  DEMO_APP_NAMES,
  DEMO_LOG_LEVELS,
  type DemoAppName,
  DemoError,
  type DemoLogLevel,
  parseDivergeField,
  parseErrorRate,
  parseLatencyMs,
  parseListen,
  parseVersion,
  startDemoApp,
} from '@shadowmesh/demo';
import { Argument, type Command, InvalidArgumentError, Option } from 'commander';
import { type LoadgenFlags, runLoadgen } from '../mesh/loadgen-app.js';
import { untilStopSignal } from '../stop-signal.js';

interface AppOptions {
  listen: string;
  version: string;
  divergeField?: string;
  extraLatencyMs?: number;
  errorRate?: number;
  seed?: number;
  echoHostHeader: boolean;
  logLevel: DemoLogLevel;
  upstream?: string;
  proxy?: string;
}

/** Apps whose calls out go through `--proxy`, or `$http_proxy`/`$HTTP_PROXY` (a sidecar's outbound). */
const CALLS_OUT: readonly string[] = ['music-front', 'music-back'];

export function register(program: Command): void {
  // `shadowmesh app httpbin --version v2` must reach this command, not the program's own
  // `-V, --version`: options after a subcommand belong to the subcommand.
  program
    .command('app')
    .description(
      'run one demo workload on its own: httpbin, a tutorial app, the Music app, or the load generator',
    )
    .addArgument(new Argument('<name>', 'which workload').choices([...DEMO_APP_NAMES, 'loadgen']))
    .addOption(
      new Option(
        '--listen <host:port>',
        'address to listen on (port 0 picks one; loadgen: its control endpoint)',
      )
        .makeOptionMandatory()
        .argParser(
          checked('--listen', (value) => {
            parseListen(value, '--listen');
            return value;
          }),
        ),
    )
    .addOption(
      new Option('--version <label>', 'version label (x-demo-version header, JSON "version")')
        .argParser(checked('--version', (value) => parseVersion(value, '--version')))
        .default('v1'),
    )
    .addOption(
      new Option(
        '--diverge-field <name=value>',
        'httpbin, music-front/-back: set this field in every JSON answer',
      ).argParser(
        checked('--diverge-field', (value) => {
          parseDivergeField(value, '--diverge-field');
          return value;
        }),
      ),
    )
    .addOption(
      new Option('--extra-latency-ms <ms>', 'added before every answer').argParser(
        checked('--extra-latency-ms', (value) => parseLatencyMs(value, '--extra-latency-ms')),
      ),
    )
    .addOption(
      new Option('--error-rate <rate>', 'share of requests answered 500 on purpose, 0..1').argParser(
        checked('--error-rate', (value) => parseErrorRate(value, '--error-rate')),
      ),
    )
    .addOption(
      new Option('--seed <n>', 'seed for the error rate and /status/a,b picks (reproducible runs)').argParser(
        checked('--seed', (value) => {
          const n = Number(value);
          if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n))
            throw new InvalidArgumentError('must be an integer');
          return n;
        }),
      ),
    )
    .option('--no-echo-host-header', 'httpbin only: leave Host out of echoed headers and url')
    .addOption(
      new Option('--log-level <level>', 'pino log level on stderr (debug logs every request)')
        .choices(DEMO_LOG_LEVELS)
        .default('warn'),
    )
    .option('--upstream <url>', 'music-front/-back: the service called (default http://back, http://store)')
    .option('--proxy <url>', 'HTTP proxy for calls out: a sidecar outbound (default $http_proxy)')
    .option('--target <url>', 'loadgen: where requests go (http://front with --proxy, or a gateway URL)')
    .option('--host <host>', 'loadgen: Host header to send (a gateway matches on it)')
    .option('--rate <n>', 'loadgen: requests per second (changeable at runtime: PUT /rate)', '10')
    .option('--paths <mix>', 'loadgen: paths and weights, e.g. /=8,/songs/1=2', '/')
    .option('--concurrency <n>', 'loadgen: requests in flight at most', '64')
    .option('--cors-origin <origin>', 'loadgen: browser origin allowed to call the control endpoint')
    .action(async (name: DemoAppName | 'loadgen', options: AppOptions & LoadgenFlags, command: Command) => {
      if (options.listen === undefined)
        command.error("error: required option '--listen <host:port>' not specified");
      if (name === 'loadgen') {
        await runLoadgen(options, command);
        return;
      }
      const proxy = CALLS_OUT.includes(name)
        ? (options.proxy ?? (process.env.http_proxy || process.env.HTTP_PROXY || undefined))
        : options.proxy;
      let server: Awaited<ReturnType<typeof startDemoApp>>;
      try {
        server = await startDemoApp(name, {
          upstream: options.upstream,
          proxy,
          listen: options.listen,
          version: options.version,
          divergeField: options.divergeField,
          extraLatencyMs: options.extraLatencyMs,
          errorRate: options.errorRate,
          seed: options.seed,
          // Only an explicit --no-echo-host-header reaches the workload (the text apps refuse it).
          echoHostHeader: options.echoHostHeader ? undefined : false,
          logger: createDemoLogger(name, options.logLevel),
        });
      } catch (err) {
        if (err instanceof DemoError) command.error(`error: ${flagMessage(err)}`);
        throw err;
      }
      process.stdout.write(`${name} ${options.version} listening on ${server.url}\n`);
      await untilStopSignal();
      await server.close();
    });
}

/** Wraps a demo parser so a bad value becomes commander's InvalidArgumentError naming the flag. */
function checked<T>(flag: string, parse: (value: string) => T): (value: string) => T {
  return (value) => {
    try {
      return parse(value);
    } catch (err) {
      if (!(err instanceof DemoError)) throw err;
      const prefix = `${flag}: `;
      throw new InvalidArgumentError(
        err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message,
      );
    }
  };
}

/** `divergeField: …` → `--diverge-field: …`, so the message names the flag the user typed. */
function flagMessage(err: DemoError): string {
  if (!err.field || !err.message.startsWith(`${err.field}: `)) return err.message;
  const flag =
    err.field === 'echoHostHeader'
      ? '--no-echo-host-header'
      : `--${err.field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  return `${flag}: ${err.message.slice(err.field.length + 2)}`;
}
