// JSON bodies: Fastify's own parser (which refuses `__proto__`/`constructor` poisoning), except
// that an empty body is no body (clients send a JSON content type on DELETE), and the same
// parser for `application/merge-patch+json`.
import type { FastifyInstance } from 'fastify';

export function jsonBodyPlugin(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    ['application/json', 'application/merge-patch+json'],
    { parseAs: 'string' },
    (request, body, done) => {
      const text = String(body);
      if (text.trim() === '') return done(null, undefined);
      parse(request, text, done);
    },
  );
}
