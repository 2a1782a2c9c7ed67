import { type Static, Type } from '@sinclair/typebox';
import { durationSchema } from './duration.js';
import type { Resource } from './meta.js';
import { resourceSchema } from './resource-schema.js';

/** Bounds on mirror traffic: copies beyond them are dropped and counted, never queued. */
export const MirrorSettingsSchema = Type.Object(
  {
    maxInFlight: Type.Optional(Type.Integer({ minimum: 1, default: 256 })),
    timeout: Type.Optional(durationSchema({ default: '5s' })),
    maxBodyBytes: Type.Optional(Type.Integer({ minimum: 0, default: 1_048_576 })),
  },
  { additionalProperties: false },
);
export type MirrorSettings = Static<typeof MirrorSettingsSchema>;

export const OutboundTrafficPolicySchema = Type.Object(
  {
    mode: Type.Optional(
      Type.Union([Type.Literal('ALLOW_ANY'), Type.Literal('REGISTRY_ONLY')], { default: 'ALLOW_ANY' }),
    ),
  },
  { additionalProperties: false },
);
export type OutboundTrafficPolicy = Static<typeof OutboundTrafficPolicySchema>;

/** Settings a ShadowPolicy may override per host. */
export const shadowSettingFields = {
  /** Insert `-shadow` into the mirror's Host (Istio ≤1.27, Envoy's default). */
  shadowHostSuffix: Type.Optional(Type.Boolean({ default: true })),
  mirror: Type.Optional(MirrorSettingsSchema),
  /** Fraction 0..1 of requests whose flows (primary + shadow answers) are sampled. */
  flowSampling: Type.Optional(Type.Number({ minimum: 0, maximum: 1, default: 0.1 })),
  /** Bytes of request and response bodies kept in a sampled flow. */
  captureBodyBytes: Type.Optional(Type.Integer({ minimum: 0, default: 16_384 })),
};

/** `shadowmesh.io/v1alpha1` MeshConfig spec: mesh-wide settings; one per mesh, named `default`. */
export const MeshConfigSpecSchema = Type.Object(
  {
    ...shadowSettingFields,
    outboundTrafficPolicy: Type.Optional(OutboundTrafficPolicySchema),
  },
  { additionalProperties: false },
);
export type MeshConfigSpec = Static<typeof MeshConfigSpecSchema>;

export const MeshConfigSchema = resourceSchema('MeshConfig', MeshConfigSpecSchema);
export type MeshConfig = Resource<'MeshConfig', MeshConfigSpec>;

/** The one MeshConfig of a mesh is `default/default`. */
export const MESH_CONFIG_NAME = 'default';
export const MESH_CONFIG_NAMESPACE = 'default';

/** A MeshConfig spec with every field present. */
export interface ResolvedMeshConfigSpec {
  shadowHostSuffix: boolean;
  mirror: { maxInFlight: number; timeout: string; maxBodyBytes: number };
  flowSampling: number;
  captureBodyBytes: number;
  outboundTrafficPolicy: { mode: 'ALLOW_ANY' | 'REGISTRY_ONLY' };
}

/** Defaults for every MeshConfig field: the one place routing, proxy and dashboard merge from. */
export const MESH_CONFIG_DEFAULTS: Readonly<ResolvedMeshConfigSpec> = Object.freeze({
  shadowHostSuffix: true,
  mirror: Object.freeze({ maxInFlight: 256, timeout: '5s', maxBodyBytes: 1_048_576 }),
  flowSampling: 0.1,
  captureBodyBytes: 16_384,
  outboundTrafficPolicy: Object.freeze({ mode: 'ALLOW_ANY' as const }),
});

/** Fills every absent MeshConfig field from MESH_CONFIG_DEFAULTS. */
export function resolveMeshConfig(spec: MeshConfigSpec | undefined): ResolvedMeshConfigSpec {
  const d = MESH_CONFIG_DEFAULTS;
  return {
    shadowHostSuffix: spec?.shadowHostSuffix ?? d.shadowHostSuffix,
    mirror: {
      maxInFlight: spec?.mirror?.maxInFlight ?? d.mirror.maxInFlight,
      timeout: spec?.mirror?.timeout ?? d.mirror.timeout,
      maxBodyBytes: spec?.mirror?.maxBodyBytes ?? d.mirror.maxBodyBytes,
    },
    flowSampling: spec?.flowSampling ?? d.flowSampling,
    captureBodyBytes: spec?.captureBodyBytes ?? d.captureBodyBytes,
    outboundTrafficPolicy: { mode: spec?.outboundTrafficPolicy?.mode ?? d.outboundTrafficPolicy.mode },
  };
}
