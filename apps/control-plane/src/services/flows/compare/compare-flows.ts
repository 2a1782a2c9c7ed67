// Compares one copy (mirror or baseline) with its primary: status, response headers, response body.
// Every difference is listed; those that are not divergence carry `ignored` (rule, shadow-host,
// volatile as known now). Pure: the caller passes what is known about volatile fields.
import type { FlowComparison, FlowDifference, FlowRecord, IgnoredBecause } from '@shadowmesh/api';
import { SHADOW_HEADER } from '@shadowmesh/routing';
import { type BodyDifference, copyNeedsRewrite, diffBodies } from './body-differences.js';
import type { CompiledRules } from './compare-rules.js';
import { CONTENT_LENGTH_KEY, fieldKey } from './field-keys.js';
import { diffHeaders } from './header-differences.js';
import { shadowHostRewriter } from './shadow-host.js';

/** Mirror outcomes meaning the copy got an answer (absent outcome: judged by status alone). */
const ANSWERED_OUTCOMES: ReadonlySet<string> = new Set(['mirrored-ok', 'mirrored-error']);

/** At most this many differences are kept per comparison (counted ones first). */
export const MAX_DIFFERENCES = 200;

export interface CompareContext {
  rules: CompiledRules;
  /** Is this field key (`body:$.uuid`) volatile for the primary's request shape, as known now? */
  isVolatile: (key: string) => boolean;
}

export function compareFlows(primary: FlowRecord, copy: FlowRecord, ctx: CompareContext): FlowComparison {
  if (copy.type === 'primary')
    throw new TypeError(`copy ${copy.id}: type must be mirror or baseline, got primary`);
  const base = { copyId: copy.id, copyType: copy.type };
  const incomparable: FlowComparison = {
    ...base,
    result: 'incomparable',
    bodyKind: 'empty',
    differences: [],
  };
  const answered = copy.outcome === undefined || ANSWERED_OUTCOMES.has(copy.outcome);
  if (copy.status === 0 || !answered || primary.status === 0) return incomparable;

  const differences: FlowDifference[] = [];
  const statusDiffers = primary.status !== copy.status;
  if (statusDiffers)
    differences.push({ kind: 'status', field: 'status', primary: primary.status, shadow: copy.status });

  // A body that was sent but not captured (error-only records) cannot be compared.
  const primaryUncaptured = primary.responseBody === null && primary.responseBytes > 0;
  const copyUncaptured = copy.responseBody === null && copy.responseBytes > 0;
  if (copyUncaptured && primary.responseBody !== null && !statusDiffers) return incomparable;

  const rewrite = shadowHostRewriter(copy.authority);
  const headers = diffHeaders(primary.responseHeaders, copy.responseHeaders, rewrite);
  let bodyKind: FlowComparison['bodyKind'] = 'empty';
  const bodyDiffs: FlowDifference[] = [];
  if (!primaryUncaptured && !copyUncaptured) {
    const p = { body: primary.responseBody, contentType: primary.responseHeaders['content-type'] };
    const c = { body: copy.responseBody, contentType: copy.responseHeaders['content-type'] };
    const bodyRewrite = copyNeedsRewrite(copy.responseBody, rewrite) ? rewrite : null;
    const normalized = diffBodies(p, c, bodyRewrite);
    bodyKind = normalized.kind;
    const raw = bodyRewrite ? diffBodies(p, c, null).differences : normalized.differences;
    const rawByField = new Map(raw.map((d) => [d.field, d]));
    for (const d of normalized.differences) {
      const shown = rawByField.get(d.field) ?? d;
      bodyDiffs.push(bodyDifference(shown, bodyIgnored(d, ctx)));
    }
    if (bodyRewrite) {
      const kept = new Set(normalized.differences.map((d) => d.field));
      for (const d of raw) if (!kept.has(d.field)) bodyDiffs.push(bodyDifference(d, 'shadow-host'));
    }
  }

  const bodyCounted = bodyDiffs.some((d) => d.ignored === undefined);
  for (const h of headers) {
    let ignored: IgnoredBecause | undefined;
    if (h.uncomparable || ctx.rules.ignoresHeader(h.field)) ignored = 'rule';
    else if (h.shadowHostOnly) ignored = 'shadow-host';
    else if (ctx.isVolatile(`header:${h.field}`)) ignored = 'volatile';
    else if (`header:${h.field}` === CONTENT_LENGTH_KEY && !bodyCounted) ignored = echoedReason(bodyDiffs);
    differences.push({
      kind: 'header',
      field: h.field,
      ...(h.primary !== undefined && { primary: h.primary }),
      ...(h.shadow !== undefined && { shadow: h.shadow }),
      ...(ignored && { ignored }),
    });
  }
  differences.push(...bodyDiffs);
  const divergent = differences.some((d) => d.ignored === undefined);
  return { ...base, result: divergent ? 'divergent' : 'equal', bodyKind, differences: capped(differences) };
}

function bodyIgnored(d: BodyDifference, ctx: CompareContext): IgnoredBecause | undefined {
  if (echoesShadowMarker(d)) return 'shadow-host';
  if (d.segments && ctx.rules.ignoresJsonPath(d.segments)) return 'rule';
  if (ctx.isVolatile(fieldKey({ kind: 'body', field: d.field }))) return 'volatile';
  return undefined;
}

/**
 * Only the copy has it, and it is the copy marker the proxy adds (`x-shadowmesh-shadow: 1`) echoed by the
 * workload (httpbin's /headers and /anything): expected, like the `-shadow` host suffix.
 */
function echoesShadowMarker(d: BodyDifference): boolean {
  if (d.primary !== undefined) return false;
  const last = d.segments?.[d.segments.length - 1];
  if (last !== undefined) return typeof last === 'string' && last.toLowerCase() === SHADOW_HEADER;
  return typeof d.shadow === 'string' && d.shadow.toLowerCase().includes(`${SHADOW_HEADER}:`);
}

function bodyDifference(d: BodyDifference, ignored: IgnoredBecause | undefined): FlowDifference {
  return {
    kind: 'body',
    field: d.field,
    ...('primary' in d && { primary: d.primary }),
    ...('shadow' in d && { shadow: d.shadow }),
    ...(ignored && { ignored }),
  };
}

/** Why a content-length difference beside ignored body differences is ignored too. */
function echoedReason(bodyDiffs: readonly FlowDifference[]): IgnoredBecause {
  if (bodyDiffs.some((d) => d.ignored === 'shadow-host')) return 'shadow-host';
  if (bodyDiffs.some((d) => d.ignored === 'volatile')) return 'volatile';
  return 'rule';
}

function capped(differences: FlowDifference[]): FlowDifference[] {
  if (differences.length <= MAX_DIFFERENCES) return differences;
  const counted = differences.filter((d) => d.ignored === undefined).slice(0, MAX_DIFFERENCES);
  const room = MAX_DIFFERENCES - counted.length;
  const keep = new Set([...counted, ...differences.filter((d) => d.ignored !== undefined).slice(0, room)]);
  return differences.filter((d) => keep.has(d));
}
