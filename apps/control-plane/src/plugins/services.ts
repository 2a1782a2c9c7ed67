// Makes the control plane's services available to routes as `app.services`, closed with the app.
import type { FastifyInstance } from 'fastify';
import type { AuthRequirement, Principal } from '../services/auth/auth-service.js';
import type { ControlPlaneServices } from '../services/control-plane-services.js';

declare module 'fastify' {
  interface FastifyInstance {
    services: ControlPlaneServices;
  }
  interface FastifyRequest {
    /** Who is calling (set by the auth plugin on every request). */
    principal: Principal;
  }
  interface FastifyContextConfig {
    /** Overrides the default requirement (GET/HEAD-only routes ⇒ read, any other method ⇒ write). */
    auth?: AuthRequirement;
    /** Set by the auth plugin on WebSocket routes: only they may take an `Upgrade` request. */
    websocket?: boolean;
  }
}

export function servicesPlugin(app: FastifyInstance, services: ControlPlaneServices): void {
  app.decorate('services', services);
  app.addHook('onClose', async () => services.close());
}
