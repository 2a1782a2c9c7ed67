// The control plane's one closed error catalogue. Every code is documented in ../ERRORS.md
// (errors.test.ts fails when one is missing). API errors leave as `{ code, message, details }`.
import type { ApiErrorBody, ApiErrorDetails } from '@shadowmesh/api';

export const CP_ERRORS = {
  CP_ERR_NOT_FOUND: { status: 404, message: 'Route not found' },
  CP_ERR_UNKNOWN_RESOURCE_TYPE: { status: 404, message: 'Unknown resource type' },
  CP_ERR_RESOURCE_NOT_FOUND: { status: 404, message: 'Resource not found' },
  CP_ERR_REVISION_NOT_FOUND: { status: 404, message: 'Revision not found' },
  CP_ERR_FLOW_NOT_FOUND: { status: 404, message: 'Flow not found' },
  CP_ERR_UPSTREAM_UNAVAILABLE: { status: 502, message: 'A component the control plane calls did not answer' },
  CP_ERR_PROMETHEUS_UNREACHABLE: { status: 502, message: 'Prometheus did not answer' },
  CP_ERR_PROMETHEUS_QUERY: { status: 502, message: 'Prometheus refused or failed a query' },
  CP_ERR_ALREADY_EXISTS: { status: 409, message: 'Resource already exists' },
  CP_ERR_CONFLICT: { status: 409, message: 'The object has been modified; resourceVersion is stale' },
  CP_ERR_BAD_REQUEST: { status: 400, message: 'Bad request' },
  CP_ERR_MALFORMED_BODY: { status: 400, message: 'Request body could not be parsed' },
  CP_ERR_VALIDATION: { status: 422, message: 'Resource is invalid' },
  CP_ERR_BODY_TOO_LARGE: { status: 413, message: 'Request body is too large' },
  CP_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Unsupported content type' },
  CP_ERR_UNAUTHORIZED: { status: 401, message: 'Authentication required' },
  CP_ERR_FORBIDDEN: { status: 403, message: 'Refused for where the request comes from' },
  CP_ERR_LOGIN_CODE_INVALID: { status: 401, message: 'Login code is invalid or already used' },
  CP_ERR_PROXY_MESSAGE_INVALID: { status: 400, message: 'Proxy message is invalid' },
  CP_ERR_PROXY_PROTOCOL_MISMATCH: { status: 400, message: 'Unsupported proxy protocol version' },
  CP_ERR_PROXY_HELLO_TIMEOUT: { status: 408, message: 'Proxy did not say hello in time' },
  CP_ERR_CONFIG_INVALID: { status: 500, message: 'Control plane configuration is invalid' },
  CP_ERR_ADDRESS_IN_USE: { status: 500, message: 'Address is already in use' },
  CP_ERR_STORE_SCHEMA_TOO_NEW: {
    status: 500,
    message: 'The data directory was written by a newer control plane',
  },
  CP_ERR_STORE_UNWRITABLE: {
    status: 507,
    message: 'The data directory cannot take writes (full or read-only); nothing was stored',
  },
  CP_ERR_INTERNAL: { status: 500, message: 'Internal server error' },
} as const satisfies Record<string, { status: number; message: string }>;

export type CpErrorCode = keyof typeof CP_ERRORS;

/** An expected failure with a stable code; routes let it propagate and the error plugin renders it. */
export class CpError extends Error {
  readonly code: CpErrorCode;
  readonly statusCode: number;
  readonly details: ApiErrorDetails;

  constructor(code: CpErrorCode, message?: string, details: ApiErrorDetails = {}, options?: ErrorOptions) {
    super(message ?? CP_ERRORS[code].message, options);
    this.name = 'CpError';
    this.code = code;
    this.statusCode = CP_ERRORS[code].status;
    this.details = details;
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function cpError(
  code: CpErrorCode,
  message?: string,
  details?: ApiErrorDetails,
  options?: ErrorOptions,
): CpError {
  return new CpError(code, message, details, options);
}

export function isCpError(value: unknown): value is CpError {
  return value instanceof CpError;
}
