import { PROXY_PROTOCOL_VERSION, SHADOWMESH_VERSION, type VersionInfo } from '@shadowmesh/api';
import type { FastifyInstance } from 'fastify';
import { servedApiVersions } from '../../services/resources/kind-registry.js';

export async function versionRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/v1/version', { config: { auth: 'public' } }, async (): Promise<VersionInfo> => {
    return {
      version: SHADOWMESH_VERSION,
      protocolVersion: PROXY_PROTOCOL_VERSION,
      apiVersions: servedApiVersions(),
    };
  });
}
