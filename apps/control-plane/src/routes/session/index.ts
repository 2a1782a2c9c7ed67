// Dashboard sign-in: GET /login?code=… (one-time) sets the session cookie and redirects to /
// (a browser with an invalid or used code is sent to the dashboard's /signin page instead);
// GET /api/v1/session says whether the caller is signed in; logout; new login codes for the CLI.
import type { LoginCodeResponse, SessionInfo } from '@shadowmesh/api';
import type { FastifyInstance } from 'fastify';
import { cpError } from '../../errors.js';
import { SESSION_COOKIE } from '../../plugins/auth.js';
import { isLoopbackHostHeader } from '../../plugins/request-origin.js';
import { prefersHtml } from './prefers-html.js';

/** The dashboard's sign-in page (App.tsx), showing its notice for a login link that did not work. */
const INVALID_CODE_PAGE = '/signin?error=invalid-code';

export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  const { auth, config } = app.services;

  app.get<{ Querystring: { code?: string } }>(
    '/login',
    {
      config: { auth: 'public' },
      schema: { querystring: { type: 'object', properties: { code: { type: 'string', maxLength: 256 } } } },
    },
    async (request, reply) => {
      if (auth.mode === 'none') return reply.redirect('/', 302);
      const session = request.query.code ? auth.sessions.redeem(request.query.code) : null;
      // Already signed in (e.g. the login link opened a second time in the same browser): go on.
      if (!session && request.principal.via === 'session') return reply.redirect('/', 302);
      if (!session) {
        // A browser following a stale link lands on the dashboard's sign-in page, which says what
        // happened and how to get a new link; API clients (and a control plane without the
        // dashboard) get the error as JSON.
        if (config.dashboardDir !== null && prefersHtml(request.headers.accept)) {
          return reply.header('cache-control', 'no-store').redirect(INVALID_CODE_PAGE, 302);
        }
        throw cpError(
          'CP_ERR_LOGIN_CODE_INVALID',
          'this login link is invalid or was already used; run `shadowmesh up` again or ask for a new one',
          { field: 'query.code' },
        );
      }
      reply.setCookie(SESSION_COOKIE, session.id, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        maxAge: Math.floor((session.expiresAt - session.createdAt) / 1000),
      });
      return reply.header('cache-control', 'no-store').redirect('/', 302);
    },
  );

  app.get('/api/v1/session', { config: { auth: 'public' } }, async (request): Promise<SessionInfo> => {
    const p = request.principal;
    const loopbackName = isLoopbackHostHeader(request.headers.host);
    const signedIn = auth.mode === 'none' || p.via !== 'anonymous';
    return {
      auth: auth.mode,
      signedIn,
      via: auth.mode === 'none' ? 'none' : p.via === 'anonymous' ? null : p.via,
      canRead: auth.allows(p, 'read', loopbackName),
      canWrite: auth.allows(p, 'write', loopbackName),
    };
  });

  app.post('/api/v1/session/logout', { config: { auth: 'public' } }, async (request, reply) => {
    const id = request.cookies[SESSION_COOKIE];
    if (id) auth.sessions.revoke(id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { signedIn: false };
  });

  // A new one-time login URL (for `shadowmesh` to print again); needs the token.
  app.post('/api/v1/session/login-codes', async (request): Promise<LoginCodeResponse> => {
    if (auth.mode === 'none') {
      throw cpError('CP_ERR_BAD_REQUEST', 'auth is off: no login is needed', { field: 'auth' });
    }
    const code = auth.sessions.createLoginCode();
    const origin = `${request.protocol}://${request.host}`;
    return { code, loginUrl: `${origin}/login?code=${encodeURIComponent(code)}` };
  });
}
