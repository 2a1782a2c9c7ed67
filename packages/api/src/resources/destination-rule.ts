import { type Static, Type } from '@sinclair/typebox';
import type { Resource } from './meta.js';
import { StringMapSchema } from './object-meta-schema.js';
import { resourceSchema } from './resource-schema.js';
import { TrafficPolicySchema } from './traffic-policy.js';

/** Istio `Subset`: a named set of endpoints selected by labels (typically `version`). */
export const SubsetSchema = Type.Object(
  {
    name: Type.String(),
    labels: Type.Optional(StringMapSchema),
    trafficPolicy: Type.Optional(TrafficPolicySchema),
  },
  { title: 'Subset' },
);
export type Subset = Static<typeof SubsetSchema>;

export const WorkloadSelectorSchema = Type.Object({ matchLabels: Type.Optional(StringMapSchema) });
export type WorkloadSelector = Static<typeof WorkloadSelectorSchema>;

/** Istio `DestinationRule` spec: `host` is resolved in the DestinationRule's namespace. */
export const DestinationRuleSpecSchema = Type.Object(
  {
    host: Type.String(),
    trafficPolicy: Type.Optional(TrafficPolicySchema),
    subsets: Type.Optional(Type.Array(SubsetSchema)),
    exportTo: Type.Optional(Type.Array(Type.String())),
    workloadSelector: Type.Optional(WorkloadSelectorSchema),
  },
  { title: 'DestinationRule spec' },
);
export type DestinationRuleSpec = Static<typeof DestinationRuleSpecSchema>;

export const DestinationRuleSchema = resourceSchema('DestinationRule', DestinationRuleSpecSchema);
export type DestinationRule = Resource<'DestinationRule', DestinationRuleSpec>;
