import { type Static, Type } from '@sinclair/typebox';

/** Istio `PortSelector`: the port on the destination host. */
export const PortSelectorSchema = Type.Object(
  { number: Type.Optional(Type.Integer()) },
  { title: 'PortSelector' },
);
export type PortSelector = Static<typeof PortSelectorSchema>;

/** Istio `Destination`: a host (short name, FQDN or ServiceEntry host), an optional subset and port. */
export const DestinationSchema = Type.Object(
  {
    host: Type.String(),
    subset: Type.Optional(Type.String()),
    port: Type.Optional(PortSelectorSchema),
  },
  { title: 'Destination' },
);
export type Destination = Static<typeof DestinationSchema>;

/** Istio `Percent`: a double in 0..100 (resolution 0.0001). */
export const PercentSchema = Type.Object({ value: Type.Optional(Type.Number()) }, { title: 'Percent' });
export type Percent = Static<typeof PercentSchema>;
