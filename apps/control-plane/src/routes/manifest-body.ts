// Content types that carry manifests (YAML or JSON) as text, for apply and analyze. Registered in
// an encapsulated route plugin, so JSON stays text there (line and column numbers stay right).
import type { FastifyInstance } from 'fastify';
import { cpError } from '../errors.js';

const TEXT_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain'];

export function manifestBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser([...TEXT_TYPES, 'application/json'], { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );
}

/** The request body as manifest text; a JSON array becomes a `kind: List`. */
export function manifestText(body: unknown): string {
  if (typeof body !== 'string' || body.trim() === '') {
    throw cpError(
      'CP_ERR_BAD_REQUEST',
      'send manifests as the body (Content-Type: application/yaml or application/json)',
      { field: 'body' },
    );
  }
  const trimmed = body.trimStart();
  if (trimmed.startsWith('[')) {
    try {
      const items: unknown = JSON.parse(trimmed);
      if (Array.isArray(items)) return JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
    } catch {
      // Not JSON: let the YAML parser report where it is malformed.
    }
  }
  return body;
}
