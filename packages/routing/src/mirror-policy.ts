// Istio `mirror` + `mirrorPercentage`/`mirrorPercent`, and `mirrors[]`, compiled once and sampled per request.
import type { HTTPRoute, Percent } from '@shadowmesh/api';
import { shadowAuthority } from './authority.js';
import { type CompiledDestination, compileDestination, type DestinationContext } from './destination.js';
import type { RequestView } from './request-view.js';
import type { ShadowSettingsIndex } from './shadow-settings.js';
import type { MirrorDecision, RandomSource, ShadowSettings } from './types.js';

/** One configured mirror target of a route. */
export interface MirrorTarget {
  readonly destination: CompiledDestination;
  /** (0, 100]: configured percentages of 0 are dropped at compile time, as Istio does. */
  readonly percentage: number;
  readonly settings: ShadowSettings;
}

/** The header every mirrored copy carries; a request arriving with it is never mirrored again. */
export const SHADOW_HEADER = 'x-shadowmesh-shadow';

function clampPercent(v: number): number {
  return Number.isFinite(v) ? Math.min(100, v) : 0;
}

/** Istio's `MirrorPercent()` for a `Percent` that may be absent: absent ⇒ 100, explicit 0 (or `{}`) ⇒ 0. */
function percentOf(p: Percent | undefined): number {
  if (p === undefined || p === null) return 100;
  return clampPercent(typeof p.value === 'number' ? p.value : 0);
}

/**
 * The mirror targets of a route. `mirror`: `mirrorPercentage.value` when set (0 ⇒ no mirror, fractions such
 * as 0.5 kept), else the deprecated integer `mirrorPercent` (0 ⇒ no mirror), else 100. `mirrors[]`: each
 * entry's own `percentage` (absent ⇒ 100, 0 ⇒ dropped). Istio rejects `mirror` together with `mirrors`;
 * should both arrive, both are kept (mirror first).
 */
export function compileMirrors(
  route: HTTPRoute,
  ns: string,
  ctx: DestinationContext,
  settings: ShadowSettingsIndex,
): MirrorTarget[] {
  const out: MirrorTarget[] = [];
  const add = (dest: HTTPRoute['mirror'], percentage: number) => {
    if (!dest || typeof dest.host !== 'string' || !(percentage > 0)) return;
    const destination = compileDestination(dest, ns, ctx);
    out.push({ destination, percentage, settings: settings.forHost(destination.host) });
  };
  if (route.mirror) {
    let pct: number;
    if (route.mirrorPercentage !== undefined) pct = percentOf(route.mirrorPercentage);
    else if (typeof route.mirrorPercent === 'number') pct = clampPercent(route.mirrorPercent);
    else pct = 100;
    add(route.mirror, pct);
  }
  for (const m of Array.isArray(route.mirrors) ? route.mirrors : [])
    add(m?.destination, percentOf(m?.percentage));
  return out;
}

/**
 * Envoy never shadows CONNECT or upgrade requests (`connection: upgrade` plus an `upgrade` header), and
 * Shadowmesh never mirrors a request that is itself a mirrored copy.
 */
export function isMirrorable(view: RequestView): boolean {
  if (view.header(SHADOW_HEADER) !== undefined) return false;
  const method = view.request.method;
  if (method === 'CONNECT' || method?.toUpperCase() === 'CONNECT') return false;
  const upgrade = view.header('upgrade');
  if (upgrade !== undefined && upgrade !== '') {
    const conn = view.header('connection');
    if (conn !== undefined && /(^|,)\s*upgrade\s*(,|$)/i.test(conn)) return false;
  }
  return true;
}

/**
 * Decides the copies for one request. Each target is sampled independently with its own draw from the
 * injected RandomSource (100 % draws nothing). Envoy instead derives every decision (and the weighted
 * route choice) from the one stream id, so its decisions are correlated; we deliberately keep them
 * independent. `authority` is the primary's authority after rewrites; `-shadow` goes in before any port
 * unless the target host's settings turn the suffix off.
 */
export function sampleMirrors(
  targets: readonly MirrorTarget[],
  authority: string,
  requestPort: number,
  random: RandomSource,
  out: MirrorDecision[],
): number {
  let sampledOut = 0;
  for (const t of targets) {
    if (t.percentage < 100 && !(random() * 100 < t.percentage)) {
      sampledOut++;
      continue;
    }
    out.push({
      cluster: t.destination.clusterFor(requestPort),
      percentage: t.percentage,
      authority: t.settings.shadowHostSuffix ? shadowAuthority(authority) : authority,
      settings: t.settings,
    });
  }
  return sampledOut;
}
