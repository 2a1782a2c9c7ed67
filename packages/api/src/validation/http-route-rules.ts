import type { StringMatch } from '../resources/http-match.js';
import type { HTTPRoute } from '../resources/http-route.js';
import { compileIstioRegex } from './istio-regex.js';
import { checkDns1123Label, checkPortNumber } from './names.js';
import { fieldPath, type RuleContext } from './rule-context.js';

// Envoy `x-envoy-retry-on` / `x-envoy-retry-grpc-on` policies Istio accepts in `retryOn`.
const RETRY_ON = new Set([
  '5xx',
  'gateway-error',
  'reset',
  'reset-before-request',
  'connect-failure',
  'envoy-ratelimited',
  'retriable-4xx',
  'refused-stream',
  'retriable-status-codes',
  'retriable-headers',
  'http3-post-connect-failure',
  'cancelled',
  'deadline-exceeded',
  'internal',
  'resource-exhausted',
  'unavailable',
]);

// gRPC status names accepted in `fault.abort.grpcStatus`.
const GRPC_STATUS = new Set(
  'OK CANCELLED UNKNOWN INVALID_ARGUMENT DEADLINE_EXCEEDED NOT_FOUND ALREADY_EXISTS PERMISSION_DENIED RESOURCE_EXHAUSTED FAILED_PRECONDITION ABORTED OUT_OF_RANGE UNIMPLEMENTED INTERNAL UNAVAILABLE DATA_LOSS UNAUTHENTICATED'.split(
    ' ',
  ),
);

function stringMatch(ctx: RuleContext, field: string, m: StringMatch | undefined, allowEmpty: boolean): void {
  if (!m) return;
  const set = (['exact', 'prefix', 'regex'] as const).filter((k) => m[k] !== undefined);
  if (set.length > 1)
    ctx.error(field, `only one of exact, prefix or regex may be set (got ${set.join(', ')})`);
  if (set.length === 0 && !allowEmpty) ctx.error(field, 'one of exact, prefix or regex is required');
  if (m.regex !== undefined) {
    try {
      compileIstioRegex(m.regex);
    } catch (err) {
      ctx.error(`${field}.regex`, (err as Error).message);
    }
  }
}

/** istiod's rules for the non-destination parts of one HTTP route (matches, retries, fault, redirect…). */
export function checkHttpRouteParts(ctx: RuleContext, base: string, r: HTTPRoute): void {
  const has = (v: unknown) => v !== undefined && v !== null;
  if (!has(r.route) && !has(r.redirect) && !has(r.directResponse) && !has(r.delegate)) {
    ctx.error(base, 'HTTP route, redirect or direct_response is required');
  }
  if (r.route?.length && r.redirect) ctx.error(base, 'HTTP route cannot contain both route and redirect');
  if (r.fault && r.redirect) ctx.error(base, 'HTTP route cannot contain both fault and redirect');
  if (r.rewrite && r.redirect) ctx.error(base, 'HTTP route rule cannot contain both rewrite and redirect');
  if (r.directResponse && r.redirect)
    ctx.error(base, 'HTTP route cannot contain both direct_response and redirect');
  if (r.route?.length && r.directResponse)
    ctx.error(base, 'HTTP route cannot contain both route and direct_response');
  if (r.fault && r.directResponse)
    ctx.error(base, 'HTTP route cannot contain both fault and direct_response');
  if (r.delegate && (r.route?.length || r.redirect || r.directResponse)) {
    ctx.error(
      `${base}.delegate`,
      'delegate may only be used when route, redirect and direct_response are empty',
    );
  }

  for (const [i, m] of (r.match ?? []).entries()) {
    const mf = fieldPath(`${base}.match`, i);
    stringMatch(ctx, `${mf}.uri`, m.uri, true);
    stringMatch(ctx, `${mf}.scheme`, m.scheme, false);
    stringMatch(ctx, `${mf}.method`, m.method, false);
    stringMatch(ctx, `${mf}.authority`, m.authority, false);
    for (const key of ['headers', 'withoutHeaders', 'queryParams'] as const) {
      for (const [name, sm] of Object.entries(m[key] ?? {})) {
        if (name === '') ctx.error(`${mf}.${key}`, 'header or parameter name must not be empty');
        stringMatch(ctx, fieldPath(`${mf}.${key}`, name), sm, true);
      }
    }
    if (m.port !== undefined) {
      const e = checkPortNumber(m.port);
      if (e) ctx.error(`${mf}.port`, e);
    }
    ctx.labels(`${mf}.sourceLabels`, m.sourceLabels);
    if (m.sourceNamespace !== undefined) {
      const e = checkDns1123Label(m.sourceNamespace);
      if (e) ctx.error(`${mf}.sourceNamespace`, e);
    }
  }

  ctx.duration(`${base}.timeout`, r.timeout);

  const rt = r.retries;
  if (rt) {
    const rf = `${base}.retries`;
    if (rt.attempts !== undefined && rt.attempts < 0)
      ctx.error(`${rf}.attempts`, 'attempts cannot be negative');
    if (rt.attempts === 0 && (rt.perTryTimeout || rt.retryOn || rt.retryRemoteLocalities !== undefined)) {
      ctx.error(rf, 'http retry policy configured when attempts are set to 0 (disabled)');
    }
    ctx.duration(`${rf}.perTryTimeout`, rt.perTryTimeout);
    ctx.duration(`${rf}.backoff`, rt.backoff);
    for (const policy of (rt.retryOn ?? '').split(',').map((p) => p.trim())) {
      if (policy === '' || RETRY_ON.has(policy)) continue;
      const code = Number(policy);
      if (!(Number.isInteger(code) && code >= 100 && code <= 599)) {
        ctx.error(`${rf}.retryOn`, `"${policy}" is not a valid retryOn policy`);
      }
    }
  }

  const f = r.fault;
  if (f) {
    const ff = `${base}.fault`;
    if (!f.abort && !f.delay) ctx.error(ff, 'HTTP fault injection must have an abort and/or a delay');
    if (f.delay) {
      ctx.percent(`${ff}.delay.percentage.value`, f.delay.percentage?.value);
      ctx.percent(`${ff}.delay.percent`, f.delay.percent);
      ctx.duration(`${ff}.delay.fixedDelay`, f.delay.fixedDelay);
      if (f.delay.exponentialDelay)
        ctx.error(`${ff}.delay.exponentialDelay`, 'exponentialDelay not supported yet');
    }
    const a = f.abort;
    if (a) {
      ctx.percent(`${ff}.abort.percentage.value`, a.percentage?.value);
      if (a.httpStatus !== undefined && (a.httpStatus < 200 || a.httpStatus > 599)) {
        ctx.error(`${ff}.abort.httpStatus`, `HTTP status ${a.httpStatus} is not in range 200-599`);
      }
      if (a.grpcStatus !== undefined && !GRPC_STATUS.has(a.grpcStatus)) {
        ctx.error(`${ff}.abort.grpcStatus`, `gRPC status "${a.grpcStatus}" is not supported`);
      }
      if (a.http2Error !== undefined)
        ctx.error(`${ff}.abort.http2Error`, 'HTTP/2 abort fault injection not supported yet');
      if (a.httpStatus === undefined && a.grpcStatus === undefined && a.http2Error === undefined) {
        ctx.warn(`${ff}.abort`, 'abort configured, but error type not set');
      }
    }
  }

  const rd = r.redirect;
  if (rd) {
    const rdf = `${base}.redirect`;
    if (rd.uri !== undefined && rd.prefixRewrite !== undefined) {
      ctx.error(rdf, 'redirect may only specify one of uri or prefixRewrite');
    }
    if (
      [rd.uri, rd.authority, rd.scheme, rd.port, rd.derivePort, rd.prefixRewrite].every(
        (v) => v === undefined,
      )
    ) {
      ctx.error(
        rdf,
        'redirect must specify at least one of uri, authority, scheme, port, derivePort or prefixRewrite',
      );
    }
    if (rd.redirectCode !== undefined && (rd.redirectCode < 300 || rd.redirectCode > 399)) {
      ctx.error(`${rdf}.redirectCode`, `${rd.redirectCode} is not a valid redirect code, must be 3xx`);
    }
    if (rd.scheme !== undefined && rd.scheme !== 'http' && rd.scheme !== 'https') {
      ctx.error(`${rdf}.scheme`, 'invalid redirect scheme, must be "http" or "https"');
    }
    if (rd.port !== undefined) {
      const e = checkPortNumber(rd.port);
      if (e) ctx.error(`${rdf}.port`, e);
    }
  }

  const dr = r.directResponse;
  if (dr) {
    if (dr.status < 200 || dr.status > 599) {
      ctx.error(`${base}.directResponse.status`, `status ${dr.status} is not in range 200-599`);
    }
    if (dr.body?.string !== undefined && dr.body.bytes !== undefined) {
      ctx.error(`${base}.directResponse.body`, 'only one of string or bytes may be set');
    }
  }

  const rw = r.rewrite;
  if (rw) {
    if (rw.uri !== undefined && rw.uriRegexRewrite !== undefined) {
      ctx.error(`${base}.rewrite`, 'rewrite may only contain one of uri or uriRegexRewrite');
    }
    if (rw.uriRegexRewrite) {
      const rr = rw.uriRegexRewrite;
      let compiled: ReturnType<typeof compileIstioRegex> | null = null;
      try {
        compiled = compileIstioRegex(rr.match ?? '');
      } catch (err) {
        ctx.error(`${base}.rewrite.uriRegexRewrite.match`, (err as Error).message);
      }
      // The substitution is checked against the pattern's groups here, not first by the proxy.
      try {
        compiled?.rewriter(rr.rewrite ?? '');
      } catch (err) {
        ctx.error(`${base}.rewrite.uriRegexRewrite.rewrite`, (err as Error).message);
      }
    }
  }
}
