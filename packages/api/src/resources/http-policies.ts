import { type Static, Type } from '@sinclair/typebox';
import { PercentSchema } from './destination.js';
import { DurationSchema } from './duration.js';
import { StringMatchSchema } from './http-match.js';

/** Istio `HTTPRetry`. Unset on a route ⇒ mesh default (2 attempts on connect failures). */
export const HTTPRetrySchema = Type.Object(
  {
    attempts: Type.Optional(Type.Integer()),
    perTryTimeout: Type.Optional(DurationSchema),
    retryOn: Type.Optional(Type.String()),
    retryRemoteLocalities: Type.Optional(Type.Boolean()),
    retryIgnorePreviousHosts: Type.Optional(Type.Boolean()),
    backoff: Type.Optional(DurationSchema),
  },
  { title: 'HTTPRetry' },
);
export type HTTPRetry = Static<typeof HTTPRetrySchema>;

export const HTTPFaultInjectionDelaySchema = Type.Object({
  fixedDelay: Type.Optional(DurationSchema),
  exponentialDelay: Type.Optional(DurationSchema),
  percentage: Type.Optional(PercentSchema),
  /** Deprecated integer percentage. */
  percent: Type.Optional(Type.Integer()),
});

export const HTTPFaultInjectionAbortSchema = Type.Object({
  httpStatus: Type.Optional(Type.Integer()),
  grpcStatus: Type.Optional(Type.String()),
  http2Error: Type.Optional(Type.String()),
  percentage: Type.Optional(PercentSchema),
});

/** Istio `HTTPFaultInjection`: an absent percentage means no request is delayed/aborted. */
export const HTTPFaultInjectionSchema = Type.Object(
  {
    delay: Type.Optional(HTTPFaultInjectionDelaySchema),
    abort: Type.Optional(HTTPFaultInjectionAbortSchema),
  },
  { title: 'HTTPFaultInjection' },
);
export type HTTPFaultInjection = Static<typeof HTTPFaultInjectionSchema>;

/** Istio `CorsPolicy` (accepted and stored; enforced by the proxy where implemented). */
export const CorsPolicySchema = Type.Object({
  allowOrigins: Type.Optional(Type.Array(StringMatchSchema)),
  allowOrigin: Type.Optional(Type.Array(Type.String())),
  allowMethods: Type.Optional(Type.Array(Type.String())),
  allowHeaders: Type.Optional(Type.Array(Type.String())),
  exposeHeaders: Type.Optional(Type.Array(Type.String())),
  maxAge: Type.Optional(DurationSchema),
  allowCredentials: Type.Optional(Type.Boolean()),
  unmatchedPreflights: Type.Optional(Type.String()),
});
export type CorsPolicy = Static<typeof CorsPolicySchema>;
