// The Gateway API CRD rules (OpenAPI bounds and CEL) for HTTPRoute filters and backend references, in the
// CRD's own words where it has them, plus what Shadowmesh does not run (ExtensionRef, non-Service backends).
import type {
  HTTPHeaderFilter,
  HTTPPathModifier,
  HTTPRequestMirrorFilter,
  HTTPRequestRedirectFilter,
  HTTPRouteFilter,
  HTTPRouteFilterType,
  HTTPURLRewriteFilter,
} from '../resources/gateway-api/http-route-filters.js';
import {
  type BackendObjectReference,
  backendGroupKind,
  isServiceRef,
} from '../resources/gateway-api/references.js';
import { isReservedHeader } from '../resources/reserved-headers.js';
import { checkGatewayHostname, checkHeaderName, tooMany } from './gateway-api-names.js';
import { checkRefGroupKind, checkRefTarget } from './gateway-api-ref-rules.js';
import { reservedHeaderMessage } from './header-operation-rules.js';
import { checkPortNumber } from './names.js';
import { fieldPath, type RuleContext } from './rule-context.js';

/** Which field each filter `type` carries (the CRD's "must be nil / must be specified" pairs). */
const FILTER_FIELDS = {
  RequestHeaderModifier: 'requestHeaderModifier',
  ResponseHeaderModifier: 'responseHeaderModifier',
  RequestMirror: 'requestMirror',
  RequestRedirect: 'requestRedirect',
  URLRewrite: 'urlRewrite',
  ExtensionRef: 'extensionRef',
} as const satisfies Record<HTTPRouteFilterType, keyof HTTPRouteFilter>;

/** Filter types a list may hold at most once (RequestMirror may repeat). */
const SINGLE_FILTERS = ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'URLRewrite'];

/** Redirect status codes (Gateway API 1.5+; 1.2's CRD had only 301 and 302). */
const REDIRECT_STATUS_CODES = [301, 302, 303, 307, 308];

const MAX_HEADER_VALUE = 4096;
const MAX_PATH = 1024;

/** A `BackendObjectReference` (a backendRef or a mirror's): only Services are routed, and they need a port. */
export function checkBackendObjectRef(ctx: RuleContext, base: string, ref: BackendObjectReference): void {
  checkRefGroupKind(ctx, base, ref);
  const gk = backendGroupKind(ref);
  if (!isServiceRef(gk)) {
    const field = gk.kind !== 'Service' ? `${base}.kind` : `${base}.group`;
    const what = `${gk.kind}${gk.group ? ` of group ${gk.group}` : ''}`;
    ctx.error(field, `only Service backends are supported (group "", kind Service); got ${what}`);
  } else if (ref.port === undefined) {
    ctx.error(`${base}.port`, 'Must have port for Service reference');
  }
  checkRefTarget(ctx, base, ref);
}

function checkHeaderFilter(ctx: RuleContext, base: string, h: HTTPHeaderFilter): void {
  for (const key of ['set', 'add'] as const) {
    const list = h[key];
    const field = `${base}.${key}`;
    const bound = tooMany(list, 16);
    if (bound) ctx.error(field, bound);
    const seen = new Set<string>();
    for (const [k, header] of (list ?? []).entries()) {
      const at = fieldPath(field, k);
      const nameError = checkHeaderName(header.name);
      if (nameError) ctx.error(`${at}.name`, nameError);
      else if (isReservedHeader(header.name))
        ctx.add('SM0701', `${at}.name`, reservedHeaderMessage(header.name));
      const lower = header.name.toLowerCase();
      if (seen.has(lower)) {
        ctx.error(
          `${at}.name`,
          `header "${header.name}" appears more than once in ${key} (names are case-insensitive)`,
        );
      }
      seen.add(lower);
      if (header.value === '') ctx.error(`${at}.value`, 'value must not be empty');
      else if (header.value.length > MAX_HEADER_VALUE)
        ctx.error(`${at}.value`, `value is longer than ${MAX_HEADER_VALUE} characters`);
    }
  }
  const remove = h.remove ?? [];
  const bound = tooMany(remove, 16);
  if (bound) ctx.error(`${base}.remove`, bound);
  const seen = new Set<string>();
  for (const [k, name] of remove.entries()) {
    const at = fieldPath(`${base}.remove`, k);
    const nameError = checkHeaderName(name);
    if (nameError) ctx.error(at, nameError);
    else if (isReservedHeader(name)) ctx.add('SM0701', at, reservedHeaderMessage(name));
    if (seen.has(name.toLowerCase()))
      ctx.error(at, `header "${name}" appears more than once in remove (names are case-insensitive)`);
    seen.add(name.toLowerCase());
  }
}

function checkMirror(ctx: RuleContext, base: string, m: HTTPRequestMirrorFilter): void {
  checkBackendObjectRef(ctx, `${base}.backendRef`, m.backendRef);
  ctx.percent(`${base}.percent`, m.percent);
  if (m.fraction) {
    const { numerator, denominator } = m.fraction;
    if (numerator < 0) ctx.error(`${base}.fraction.numerator`, `must be at least 0 (got ${numerator})`);
    if (denominator !== undefined && denominator < 1)
      ctx.error(`${base}.fraction.denominator`, `must be at least 1 (got ${denominator})`);
    if (numerator > (denominator ?? 100))
      ctx.error(`${base}.fraction`, 'numerator must be less than or equal to denominator');
  }
  if (m.percent !== undefined && m.fraction !== undefined)
    ctx.error(base, 'Only one of percent or fraction may be specified in HTTPRequestMirrorFilter');
}

function checkPathModifier(ctx: RuleContext, base: string, p: HTTPPathModifier): void {
  if (p.type === 'ReplaceFullPath' && p.replaceFullPath === undefined)
    ctx.error(
      `${base}.replaceFullPath`,
      "replaceFullPath must be specified when type is set to 'ReplaceFullPath'",
    );
  if (p.replaceFullPath !== undefined && p.type !== 'ReplaceFullPath')
    ctx.error(`${base}.type`, "type must be 'ReplaceFullPath' when replaceFullPath is set");
  if (p.type === 'ReplacePrefixMatch' && p.replacePrefixMatch === undefined)
    ctx.error(
      `${base}.replacePrefixMatch`,
      "replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'",
    );
  if (p.replacePrefixMatch !== undefined && p.type !== 'ReplacePrefixMatch')
    ctx.error(`${base}.type`, "type must be 'ReplacePrefixMatch' when replacePrefixMatch is set");
  for (const key of ['replaceFullPath', 'replacePrefixMatch'] as const) {
    const v = p[key];
    if (v !== undefined && v.length > MAX_PATH)
      ctx.error(`${base}.${key}`, `must be at most ${MAX_PATH} characters (has ${v.length})`);
  }
}

function checkPreciseHostname(ctx: RuleContext, field: string, value: string | undefined): void {
  if (value === undefined) return;
  const e = checkGatewayHostname(value, false);
  if (e) ctx.error(field, e);
}

function checkRedirect(ctx: RuleContext, base: string, r: HTTPRequestRedirectFilter): void {
  checkPreciseHostname(ctx, `${base}.hostname`, r.hostname);
  if (r.path) checkPathModifier(ctx, `${base}.path`, r.path);
  if (r.port !== undefined) {
    const e = checkPortNumber(r.port);
    if (e) ctx.error(`${base}.port`, e);
  }
  if (r.statusCode !== undefined && !REDIRECT_STATUS_CODES.includes(r.statusCode)) {
    ctx.error(
      `${base}.statusCode`,
      `statusCode must be one of ${REDIRECT_STATUS_CODES.join(', ')} (got ${r.statusCode})`,
    );
  }
}

function checkRewrite(ctx: RuleContext, base: string, r: HTTPURLRewriteFilter): void {
  checkPreciseHostname(ctx, `${base}.hostname`, r.hostname);
  if (r.path) checkPathModifier(ctx, `${base}.path`, r.path);
}

/** One filter: its `type` names exactly the field it carries, and that field's own rules. */
export function checkFilter(ctx: RuleContext, base: string, f: HTTPRouteFilter): void {
  for (const [type, field] of Object.entries(FILTER_FIELDS)) {
    const present = f[field] !== undefined;
    if (present && f.type !== type)
      ctx.error(`${base}.${field}`, `filter.${field} must be nil if the filter.type is not ${type}`);
    if (!present && f.type === type)
      ctx.error(`${base}.${field}`, `filter.${field} must be specified for ${type} filter.type`);
  }
  if (f.type === 'ExtensionRef') {
    ctx.error(`${base}.type`, 'ExtensionRef filters are not supported: Shadowmesh has no filter extensions');
  }
  if (f.requestHeaderModifier)
    checkHeaderFilter(ctx, `${base}.requestHeaderModifier`, f.requestHeaderModifier);
  if (f.responseHeaderModifier)
    checkHeaderFilter(ctx, `${base}.responseHeaderModifier`, f.responseHeaderModifier);
  if (f.requestMirror) checkMirror(ctx, `${base}.requestMirror`, f.requestMirror);
  if (f.requestRedirect) checkRedirect(ctx, `${base}.requestRedirect`, f.requestRedirect);
  if (f.urlRewrite) checkRewrite(ctx, `${base}.urlRewrite`, f.urlRewrite);
}

/**
 * A rule's or a backendRef's `filters`: at most 16, each valid, no single-use type repeated, and not both a
 * redirect and a rewrite. Each combination error names the filter that breaks it.
 */
export function checkFilterList(ctx: RuleContext, base: string, filters: readonly HTTPRouteFilter[]): void {
  const bound = tooMany(filters, 16);
  if (bound) ctx.error(base, bound);
  const seen = new Set<string>();
  let both = false;
  for (const [j, f] of filters.entries()) {
    const at = fieldPath(base, j);
    checkFilter(ctx, at, f);
    if (SINGLE_FILTERS.includes(f.type) && seen.has(f.type))
      ctx.error(at, `${f.type} filter cannot be repeated`);
    seen.add(f.type);
    if (!both && seen.has('RequestRedirect') && seen.has('URLRewrite')) {
      both = true;
      ctx.error(
        at,
        'May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both',
      );
    }
  }
}
