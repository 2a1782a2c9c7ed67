// Diffy's "secondary": a sampled, mirrored request is also copied to the primary's own cluster, as often
// as the mirror targets' ShadowPolicy `baseline.percentage` says. What differs between the primary and its
// baseline is noise the control plane then never blames on the new version.
import type { MirrorDecision, RandomSource } from '@shadowmesh/routing';
import { shadowAuthority } from '@shadowmesh/routing';
import type { ExchangePlan } from './exchange-types.js';

/** The baseline copy to send for this request, or null (not captured, not mirrored, or not drawn). */
export function baselineCopy(plan: ExchangePlan, random: RandomSource): MirrorDecision | null {
  if (plan.flow === null || !plan.flow.sampled || plan.cluster === null) return null;
  let policy: MirrorDecision | null = null;
  for (const m of plan.mirrors)
    if (m.settings.baselinePercentage > (policy?.settings.baselinePercentage ?? 0)) policy = m;
  if (policy === null) return null;
  const { settings } = policy;
  if (settings.baselinePercentage < 100 && random() * 100 >= settings.baselinePercentage) return null;
  return {
    cluster: plan.cluster,
    percentage: settings.baselinePercentage,
    // A copy like any other: marked, never mirrored again, and with the `-shadow` host when that is on.
    authority: settings.shadowHostSuffix ? shadowAuthority(plan.authority) : plan.authority,
    settings,
    baseline: true,
  };
}
