// The API token and session ids never reach the log, even at trace level (where every request is logged).
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { serviceObject } from '../testing/fixtures.js';
import { testApp } from '../testing/test-app.js';

describe('secrets in logs', () => {
  it('logs neither the token nor a session id at trace level', async () => {
    let logged = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logged += String(chunk);
        done();
      },
    });
    const t = await testApp(
      { auth: 'token', listen: '127.0.0.1:0', logLevel: 'trace' },
      { logger: pino({ level: 'trace' }, sink) },
    );
    try {
      const token = t.app.services.auth.token as string;
      const authorization = `Bearer ${token}`;
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/namespaces/default/services',
        headers: { authorization },
        payload: serviceObject('a'),
      });
      expect(created.statusCode).toBe(201);
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/apply',
        headers: { authorization: 'Bearer wrong-token-value' },
      });
      const login = await t.app.inject({
        method: 'GET',
        url: `/login?code=${t.app.services.auth.sessions.createLoginCode()}`,
      });
      const session = String(login.headers['set-cookie']).split(';')[0]!.split('=')[1]!;
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/services',
        headers: { cookie: `shadowmesh_session=${session}` },
      });
      expect(logged).toContain('"msg":"incoming request"');
      expect(logged).not.toContain(token);
      expect(logged).not.toContain('wrong-token-value');
      expect(logged).not.toContain(session);
    } finally {
      await t.close();
    }
  });
});
