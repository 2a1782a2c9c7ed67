import type { ApiErrorBody, ApiErrorDetails, FieldError } from '@shadowmesh/api';

/** Every non-2xx answer from the control plane becomes one of these. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetails | undefined;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = body.details;
  }

  /** A network failure (control plane unreachable) is reported in the same shape. */
  static unreachable(cause: unknown): ApiError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new ApiError(0, { code: 'UI_ERR_UNREACHABLE', message: `Control plane unreachable: ${reason}` });
  }

  /** 401: the browser is not signed in (or its session expired). */
  get unauthorized(): boolean {
    return this.status === 401;
  }

  /** 409 with a stale resourceVersion: someone else changed the object. */
  get conflict(): boolean {
    return this.status === 409 && this.code === 'CP_ERR_CONFLICT';
  }

  /** 400/422: the input was refused for reasons that name fields (shown on those fields). */
  get invalidInput(): boolean {
    return this.status === 400 || this.status === 422;
  }

  /** The object as the server holds it now (sent with 409 conflicts). */
  get current(): unknown {
    return this.details?.current;
  }

  /** Every field the server complained about: `details.fields`, else `details.field` with the message. */
  fieldErrors(): FieldError[] {
    const fields = this.details?.fields;
    if (Array.isArray(fields) && fields.length > 0) return fields;
    const field = this.details?.field;
    return typeof field === 'string' ? [{ field, message: this.message }] : [];
  }
}

/** True for an ApiError with status 401. */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.unauthorized;
}
