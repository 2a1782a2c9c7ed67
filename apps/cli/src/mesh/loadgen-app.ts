// `shadowmesh app loadgen`: the demo load generator on its own, with its control endpoint on --listen.
import {
  createDemoLogger,
  DemoError,
  type DemoLogLevel,
  parseRate,
  startLoadGenerator,
} from '@shadowmesh/demo';
import type { Command } from 'commander';
import { untilStopSignal } from '../stop-signal.js';

/** The `app` flags loadgen reads (commander gives strings). */
export interface LoadgenFlags {
  listen: string;
  target?: string;
  proxy?: string;
  host?: string;
  rate: string;
  paths: string;
  concurrency: string;
  corsOrigin?: string;
  seed?: number;
  logLevel: DemoLogLevel;
  divergeField?: string;
  extraLatencyMs?: number;
  errorRate?: number;
  upstream?: string;
}

/** The line loadgen prints once running; the demo runner reads the control address from it. */
export const LOADGEN_READY = /^loadgen sending to (\S+) at (\S+) req\/s; control on http:\/\/(\S+)\/rate$/m;

export async function runLoadgen(flags: LoadgenFlags, command: Command): Promise<void> {
  for (const [flag, value] of [
    ['--diverge-field', flags.divergeField],
    ['--extra-latency-ms', flags.extraLatencyMs],
    ['--error-rate', flags.errorRate],
    ['--upstream', flags.upstream],
  ] as const) {
    if (value !== undefined) command.error(`error: ${flag}: applies to workloads, not to loadgen`);
  }
  if (flags.target === undefined) command.error('error: loadgen needs --target <url> (where requests go)');
  if (!/^\d{1,6}$/.test(flags.concurrency)) {
    command.error(`error: --concurrency: must be a positive integer, got "${flags.concurrency}"`);
  }
  let generator: Awaited<ReturnType<typeof startLoadGenerator>>;
  try {
    generator = await startLoadGenerator({
      target: flags.target,
      proxy: flags.proxy,
      host: flags.host,
      rate: parseRate(flags.rate, 'rate'),
      paths: flags.paths,
      concurrency: Number(flags.concurrency),
      seed: flags.seed,
      admin: flags.listen,
      adminCorsOrigin: flags.corsOrigin,
      logger: createDemoLogger('loadgen', flags.logLevel),
    });
  } catch (err) {
    if (err instanceof DemoError) command.error(`error: --${kebab(err.field ?? '')}: ${afterField(err)}`);
    throw err;
  }
  process.stdout.write(
    `loadgen sending to ${flags.target} at ${generator.rate} req/s; control on http://${generator.adminAddress}/rate\n`,
  );
  await untilStopSignal();
  await generator.close();
}

const RENAMED: Record<string, string> = { admin: 'listen', adminCorsOrigin: 'cors-origin' };

function kebab(field: string): string {
  const base = field.replace(/\[\d+\]$/, '');
  return RENAMED[base] ?? base.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function afterField(err: DemoError): string {
  const at = err.message.indexOf(': ');
  return at >= 0 ? err.message.slice(at + 2) : err.message;
}
