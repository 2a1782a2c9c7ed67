import { type Static, Type } from '@sinclair/typebox';
import { type ResolvedMeshConfigSpec, shadowSettingFields } from './mesh-config.js';
import type { Resource } from './meta.js';
import { resourceSchema } from './resource-schema.js';

/** What the divergence comparison of primary and shadow answers ignores. */
export const DivergenceRulesSchema = Type.Object(
  {
    /** JSON paths (`$.timestamp`, `$.items[*].id`) removed from both bodies before comparing. */
    ignoreJsonPaths: Type.Optional(Type.Array(Type.String())),
    /** Response header names (case-insensitive) not compared. */
    ignoreHeaders: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);
export type DivergenceRules = Static<typeof DivergenceRulesSchema>;

/**
 * Baseline (Diffy-style noise filter): this percentage of mirrored requests is also replayed to the
 * primary version, so differences the primary has with itself are not blamed on the new version.
 */
export const BaselineSchema = Type.Object(
  { percentage: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })) },
  { additionalProperties: false },
);
export type Baseline = Static<typeof BaselineSchema>;

/** `shadowmesh.io/v1alpha1` ShadowPolicy spec: per-host overrides of MeshConfig and divergence rules. */
export const ShadowPolicySpecSchema = Type.Object(
  {
    /** The mirrored (target) host this policy applies to; short names resolve in the policy's namespace. */
    host: Type.String(),
    ...shadowSettingFields,
    /** Header names whose values are replaced by `[redacted]` in captured flows. */
    redactHeaders: Type.Optional(Type.Array(Type.String())),
    divergence: Type.Optional(DivergenceRulesSchema),
    baseline: Type.Optional(BaselineSchema),
  },
  { additionalProperties: false },
);
export type ShadowPolicySpec = Static<typeof ShadowPolicySpecSchema>;

export const ShadowPolicySchema = resourceSchema('ShadowPolicy', ShadowPolicySpecSchema);
export type ShadowPolicy = Resource<'ShadowPolicy', ShadowPolicySpec>;

/** Mesh settings with one host's ShadowPolicy applied on top. */
export interface EffectiveShadowSettings extends ResolvedMeshConfigSpec {
  redactHeaders: string[];
  divergence: { ignoreJsonPaths: string[]; ignoreHeaders: string[] };
  baseline: { percentage: number };
}

/** Merges a resolved MeshConfig with a host's ShadowPolicy (absent fields inherit the mesh's). */
export function applyShadowPolicy(
  mesh: ResolvedMeshConfigSpec,
  policy: ShadowPolicySpec | undefined,
): EffectiveShadowSettings {
  return {
    shadowHostSuffix: policy?.shadowHostSuffix ?? mesh.shadowHostSuffix,
    mirror: {
      maxInFlight: policy?.mirror?.maxInFlight ?? mesh.mirror.maxInFlight,
      timeout: policy?.mirror?.timeout ?? mesh.mirror.timeout,
      maxBodyBytes: policy?.mirror?.maxBodyBytes ?? mesh.mirror.maxBodyBytes,
    },
    flowSampling: policy?.flowSampling ?? mesh.flowSampling,
    captureBodyBytes: policy?.captureBodyBytes ?? mesh.captureBodyBytes,
    outboundTrafficPolicy: { ...mesh.outboundTrafficPolicy },
    redactHeaders: [...(policy?.redactHeaders ?? [])],
    divergence: {
      ignoreJsonPaths: [...(policy?.divergence?.ignoreJsonPaths ?? [])],
      ignoreHeaders: [...(policy?.divergence?.ignoreHeaders ?? [])],
    },
    baseline: { percentage: policy?.baseline?.percentage ?? 0 },
  };
}
