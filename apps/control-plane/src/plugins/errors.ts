// Renders every error — ours, Fastify's validation/404/413/415, and unexpected ones — as
// `{ code, message, details }`. Registered on the root instance so it covers every route.
import type { ApiErrorBody, ApiErrorDetails } from '@shadowmesh/api';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CP_ERRORS, type CpErrorCode, isCpError } from '../errors.js';

/** Fastify error codes that map onto our catalogue. */
const FASTIFY_CODES: Record<string, CpErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'CP_ERR_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'CP_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'CP_ERR_BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'CP_ERR_MALFORMED_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'CP_ERR_MALFORMED_BODY',
  FST_ERR_NOT_FOUND: 'CP_ERR_NOT_FOUND',
};

export function errorsPlugin(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = toApiError(error, request);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).type('application/json; charset=utf-8').send(body);
  });
}

export function toApiError(error: unknown, request: FastifyRequest): { status: number; body: ApiErrorBody } {
  if (isCpError(error)) return { status: error.statusCode, body: error.toBody() };
  const fe = error as Partial<FastifyError>;
  if (fe.validation && fe.validation.length > 0) {
    const where = fe.validationContext ?? 'body';
    const fields = fe.validation.map((v) => ({
      field: fieldOf(where, v.instancePath, v.params),
      message: v.message ?? 'is invalid',
    }));
    const first = fields[0]!;
    return {
      status: 400,
      body: {
        code: 'CP_ERR_BAD_REQUEST',
        message: `${first.field} ${first.message}`,
        details: { field: first.field, fields },
      },
    };
  }
  const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (mapped) {
    const details: ApiErrorDetails = {};
    if (mapped === 'CP_ERR_BODY_TOO_LARGE') details.limit = request.routeOptions.bodyLimit;
    if (mapped === 'CP_ERR_UNSUPPORTED_MEDIA_TYPE') details.field = 'headers.content-type';
    if (mapped === 'CP_ERR_MALFORMED_BODY') {
      // The JSON parser's message says where ("… at position 12"); the field is the body as a whole.
      details.field = '(body)';
      const position = /at position (\d+)/.exec(fe.message ?? '')?.[1];
      if (position !== undefined) details.position = Number(position);
    }
    const message =
      mapped === 'CP_ERR_MALFORMED_BODY' ? `Malformed JSON body: ${fe.message}` : CP_ERRORS[mapped].message;
    return { status: CP_ERRORS[mapped].status, body: { code: mapped, message, details } };
  }
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    return {
      status,
      body: { code: 'CP_ERR_BAD_REQUEST', message: fe.message ?? 'Bad request', details: {} },
    };
  }
  return {
    status: 500,
    body: { code: 'CP_ERR_INTERNAL', message: CP_ERRORS.CP_ERR_INTERNAL.message, details: {} },
  };
}

function fieldOf(where: string, instancePath: string | undefined, params: unknown): string {
  const path = (instancePath ?? '')
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join('');
  const missing = (params as { missingProperty?: string } | undefined)?.missingProperty;
  return `${where}${path}${missing ? `.${missing}` : ''}`;
}
