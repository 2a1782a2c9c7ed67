/** The slice of a pino logger that services use (Fastify's logger satisfies it). */
export interface ServiceLogger {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export const silentLogger: ServiceLogger = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
};
