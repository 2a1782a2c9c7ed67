import { type Static, Type } from '@sinclair/typebox';
import type { Resource } from './meta.js';
import { StringMapSchema } from './object-meta-schema.js';
import { resourceSchema } from './resource-schema.js';

export const ServiceEntryPortSchema = Type.Object(
  {
    number: Type.Integer(),
    protocol: Type.Optional(Type.String()),
    name: Type.Optional(Type.String()),
    targetPort: Type.Optional(Type.Integer()),
  },
  { title: 'ServicePort' },
);
export type ServiceEntryPort = Static<typeof ServiceEntryPortSchema>;

/** Istio `WorkloadEntry` as used inline in `ServiceEntry.endpoints`. */
export const WorkloadEntrySchema = Type.Object({
  address: Type.Optional(Type.String()),
  ports: Type.Optional(Type.Record(Type.String(), Type.Integer())),
  labels: Type.Optional(StringMapSchema),
  network: Type.Optional(Type.String()),
  locality: Type.Optional(Type.String()),
  weight: Type.Optional(Type.Integer()),
  serviceAccount: Type.Optional(Type.String()),
});
export type WorkloadEntry = Static<typeof WorkloadEntrySchema>;

/** Istio `ServiceEntry` spec: adds hosts (typically external ones) to the mesh's registry. */
export const ServiceEntrySpecSchema = Type.Object(
  {
    hosts: Type.Array(Type.String()),
    addresses: Type.Optional(Type.Array(Type.String())),
    ports: Type.Optional(Type.Array(ServiceEntryPortSchema)),
    location: Type.Optional(Type.Union([Type.Literal('MESH_EXTERNAL'), Type.Literal('MESH_INTERNAL')])),
    resolution: Type.Optional(
      Type.Union(['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN'].map((r) => Type.Literal(r))),
    ),
    endpoints: Type.Optional(Type.Array(WorkloadEntrySchema)),
    workloadSelector: Type.Optional(Type.Object({ labels: Type.Optional(StringMapSchema) })),
    exportTo: Type.Optional(Type.Array(Type.String())),
    subjectAltNames: Type.Optional(Type.Array(Type.String())),
  },
  { title: 'ServiceEntry spec' },
);
export type ServiceEntrySpec = Static<typeof ServiceEntrySpecSchema>;

export const ServiceEntrySchema = resourceSchema('ServiceEntry', ServiceEntrySpecSchema);
export type ServiceEntry = Resource<'ServiceEntry', ServiceEntrySpec>;
