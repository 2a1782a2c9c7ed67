// Authentication and authorization for every request: Bearer token or dashboard session cookie;
// writes and proxy connections need one; reads need none only on a loopback bind.
// What a request needs is fixed per route when the route is registered (never read off the raw URL,
// whose spelling the router decodes): explicit `config.auth`, else read for GET/HEAD, write otherwise.
import fastifyCookie from '@fastify/cookie';
import type { ClientKind } from '@shadowmesh/api';
import type { FastifyInstance, FastifyRequest, HTTPMethods, RouteOptions } from 'fastify';
import { cpError } from '../errors.js';
import type { AuthRequirement, AuthService, Principal } from '../services/auth/auth-service.js';
import { type Actor, CLIENT_KINDS } from '../services/store/types.js';
import { isLoopbackHostHeader, isSameOrigin } from './request-origin.js';
import { requestTargetPlugin } from './request-target.js';

export const SESSION_COOKIE = 'shadowmesh_session';
const ANONYMOUS: Principal = { via: 'anonymous', credentialId: null };

/** One registered route and what it requires (the table the auth tests walk). */
export interface RouteAuth {
  method: string;
  url: string;
  auth: AuthRequirement;
  websocket: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after the auth plugin, with its requirement. */
    routeAuth: readonly RouteAuth[];
  }
}

export async function authPlugin(app: FastifyInstance, auth: AuthService): Promise<void> {
  await app.register(fastifyCookie);
  // Kept by reference: a later onRoute hook (the dashboard's) may still set `config.auth`.
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
    if (route.websocket === true) route.config = { ...route.config, websocket: true };
  });
  app.decorate('routeAuth', {
    getter: () =>
      routes.flatMap((route) =>
        methodsOf(route.method).map((method) => ({
          method,
          url: route.url,
          auth: routeRequirement(route.config?.auth, route.method),
          websocket: route.websocket === true,
        })),
      ),
  });
  requestTargetPlugin(app);
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRequest', async (request) => {
    const authorization = request.headers.authorization;
    const principal = auth.identify(authorization, request.cookies[SESSION_COOKIE]);
    request.principal = principal;
    // Only WebSocket routes may upgrade (elsewhere the handshake would complete, then close).
    if (
      request.headers.upgrade !== undefined &&
      request.routeOptions.config?.websocket !== true &&
      !request.is404
    ) {
      throw cpError('CP_ERR_NOT_FOUND', `${request.routeOptions.url} does not accept connection upgrades`, {
        field: 'headers.upgrade',
      });
    }
    if (
      request.headers.upgrade !== undefined &&
      !isSameOrigin(request.headers.origin, request.headers.host)
    ) {
      throw cpError(
        'CP_ERR_FORBIDDEN',
        'a WebSocket from another origin is refused (browsers apply no CORS to them)',
        {
          field: 'headers.origin',
        },
      );
    }
    // SameSite=Strict keeps other sites' pages from sending the cookie, but another port of this host
    // is the same site: a write signed in by the cookie must come from this very origin.
    if (principal.via === 'session' && !SAFE_METHODS.has(request.method) && isCrossOrigin(request)) {
      throw cpError('CP_ERR_FORBIDDEN', 'a dashboard session may only write from the dashboard itself', {
        field: 'headers.origin',
      });
    }
    const requirement = requirementOf(request);
    if (requirement === 'public') return;
    if (auth.rejectsPresented(authorization, principal)) {
      throw cpError('CP_ERR_UNAUTHORIZED', 'the token in the Authorization header is not valid', {
        field: 'headers.authorization',
      });
    }
    const loopbackName = isLoopbackHostHeader(request.headers.host);
    if (!auth.allows(principal, requirement, loopbackName)) {
      const what = requirement === 'read' ? 'reading' : 'this request';
      const why = loopbackName
        ? ''
        : ` (Host ${JSON.stringify(request.headers.host ?? '')} is not a loopback address)`;
      throw cpError(
        'CP_ERR_UNAUTHORIZED',
        `${what} needs a token${why}: send "Authorization: Bearer <token>" (the token is in the data directory's token file) or sign in through the login URL`,
        { field: 'headers.authorization' },
      );
    }
  });
}

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A browser said the request comes from another origin (Origin, or Fetch Metadata when it sends no Origin). */
function isCrossOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  return !isSameOrigin(request.headers.origin, request.headers.host);
}

/** A route's explicit requirement, else read for GET/HEAD-only routes and write for anything else. */
function routeRequirement(configured: AuthRequirement | undefined, method: HTTPMethods | HTTPMethods[]) {
  if (configured) return configured;
  return methodsOf(method).every((m) => m === 'GET' || m === 'HEAD') ? 'read' : 'write';
}

function methodsOf(method: HTTPMethods | HTTPMethods[]): HTTPMethods[] {
  return Array.isArray(method) ? method : [method];
}

/** Unmatched requests only reach the not-found handler, which changes nothing; every route says its own. */
function requirementOf(request: FastifyRequest): AuthRequirement {
  if (request.is404) return 'public';
  const route = request.routeOptions;
  return routeRequirement(route.config?.auth, route.method as HTTPMethods | HTTPMethods[]);
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
