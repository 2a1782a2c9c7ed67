// Serves the built dashboard with an SPA fallback, and answers every unknown route: GETs that
// accept HTML (outside /api) get index.html; everything else gets a JSON 404 in the error shape.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { cpError } from '../errors.js';

export async function dashboardPlugin(app: FastifyInstance, dashboardDir: string | null): Promise<void> {
  if (dashboardDir !== null) {
    if (!existsSync(join(dashboardDir, 'index.html')) || !statSync(dashboardDir).isDirectory()) {
      throw cpError('CP_ERR_CONFIG_INVALID', `dashboard directory ${dashboardDir} has no index.html`, {
        field: 'dashboardDir',
      });
    }
  }
  // Encapsulated, so the hook below marks only the dashboard's own routes public.
  await app.register(async (scope) => dashboardRoutes(scope, dashboardDir));
}

async function dashboardRoutes(app: FastifyInstance, dashboardDir: string | null): Promise<void> {
  // The dashboard's files are what a signed-out browser loads to sign in (they hold no data).
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, auth: 'public' };
  });
  if (dashboardDir !== null) {
    await app.register(fastifyStatic, { root: dashboardDir, prefix: '/', index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const wantsHtml = request.headers.accept?.includes('text/html') === true;
    const isApi = path === '/api' || path.startsWith('/api/');
    if (dashboardDir !== null && request.method === 'GET' && wantsHtml && !isApi) {
      return reply.code(200).header('cache-control', 'no-cache').sendFile('index.html');
    }
    const error = cpError('CP_ERR_NOT_FOUND', `Route ${request.method} ${path} not found`, { path });
    return reply.code(404).send(error.toBody());
  });
}
