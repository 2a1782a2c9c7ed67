// Authentication and authorization for every request: Bearer token or dashboard session cookie;
// writes and proxy connections need one; reads need none only on a loopback bind.
import fastifyCookie from '@fastify/cookie';
import type { ClientKind } from '@shadowmesh/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { cpError } from '../errors.js';
import type { AuthRequirement, AuthService, Principal } from '../services/auth/auth-service.js';
import { type Actor, CLIENT_KINDS } from '../services/store/types.js';

export const SESSION_COOKIE = 'shadowmesh_session';
const ANONYMOUS: Principal = { via: 'anonymous', credentialId: null };

export async function authPlugin(app: FastifyInstance, auth: AuthService): Promise<void> {
  await app.register(fastifyCookie);
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRequest', async (request) => {
    const authorization = request.headers.authorization;
    const principal = auth.identify(authorization, request.cookies[SESSION_COOKIE]);
    request.principal = principal;
    const requirement = requirementOf(request);
    if (requirement === 'public') return;
    if (auth.rejectsPresented(authorization, principal)) {
      throw cpError('CP_ERR_UNAUTHORIZED', 'the token in the Authorization header is not valid', {
        field: 'headers.authorization',
      });
    }
    if (!auth.allows(principal, requirement)) {
      const what = requirement === 'read' ? 'reading' : 'this request';
      throw cpError(
        'CP_ERR_UNAUTHORIZED',
        `${what} needs a token: send "Authorization: Bearer <token>" (the token is in the data directory's token file) or sign in through the login URL`,
        { field: 'headers.authorization' },
      );
    }
  });
}

function requirementOf(request: FastifyRequest): AuthRequirement {
  const configured = request.routeOptions.config?.auth;
  if (configured) return configured;
  const path = request.url.split('?')[0] ?? '';
  if (!path.startsWith('/api/') || request.is404) return 'public';
  return request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'write';
}

/** The actor recorded in history: client from `x-shadowmesh-client`, credential from the principal. */
export function actorOf(request: FastifyRequest): Actor {
  const header = request.headers['x-shadowmesh-client'];
  const value = (Array.isArray(header) ? header[0] : header)?.trim().toLowerCase() ?? 'api';
  if (!CLIENT_KINDS.includes(value as ClientKind)) {
    throw cpError('CP_ERR_BAD_REQUEST', `x-shadowmesh-client must be one of ${CLIENT_KINDS.join(', ')}`, {
      field: 'headers.x-shadowmesh-client',
    });
  }
  return { client: value as ClientKind, tokenId: (request.principal ?? ANONYMOUS).credentialId };
}
