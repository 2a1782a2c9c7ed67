// Makes the flows runtime reachable as `app.flows` (tests and routes), closed with the app.
import type { FastifyInstance } from 'fastify';
import type { FlowsRuntime } from '../../services/flows/flows-runtime.js';

declare module 'fastify' {
  interface FastifyInstance {
    flows: FlowsRuntime;
  }
}

/** Options every flow route plugin is registered with. */
export interface FlowRouteOptions {
  flows: FlowsRuntime;
}

export function decorateFlows(app: FastifyInstance, flows: FlowsRuntime): void {
  app.decorate('flows', flows);
  app.addHook('onClose', async () => flows.close());
}
