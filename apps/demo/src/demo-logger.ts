import { type LevelWithSilent, type Logger, pino } from 'pino';

/** Levels `createDemoLogger` accepts (pino's), `silent` last. */
export const DEMO_LOG_LEVELS = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
] as const satisfies readonly LevelWithSilent[];

export type DemoLogLevel = (typeof DEMO_LOG_LEVELS)[number];

/**
 * A pino logger on stderr for a workload run from the CLI, so stdout keeps only the `listening` line.
 * At `debug` it writes one line per request (the access log).
 */
export function createDemoLogger(name: string, level: DemoLogLevel): Logger {
  return pino({ name, level }, pino.destination(2));
}
