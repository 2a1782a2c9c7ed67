// Makes the telemetry runtime reachable as `app.telemetry` (tests and future routes), closed with the app.
import type { FastifyInstance } from 'fastify';
import type { TelemetryRuntime } from '../../services/telemetry/telemetry-runtime.js';

declare module 'fastify' {
  interface FastifyInstance {
    telemetry: TelemetryRuntime;
  }
}

export function decorateTelemetry(app: FastifyInstance, telemetry: TelemetryRuntime): void {
  app.decorate('telemetry', telemetry);
  app.addHook('onClose', async () => telemetry.close());
}
