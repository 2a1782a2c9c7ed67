import { type Static, Type } from '@sinclair/typebox';
import { DestinationSchema } from './destination.js';
import { HTTPRouteSchema } from './http-route.js';
import type { Resource } from './meta.js';
import { StringMapSchema } from './object-meta-schema.js';
import { resourceSchema } from './resource-schema.js';

/** Istio `RouteDestination` (TCP/TLS routes). */
export const RouteDestinationSchema = Type.Object({
  destination: DestinationSchema,
  weight: Type.Optional(Type.Integer()),
});
export type RouteDestination = Static<typeof RouteDestinationSchema>;

const L4MatchFields = {
  destinationSubnets: Type.Optional(Type.Array(Type.String())),
  port: Type.Optional(Type.Integer()),
  sourceLabels: Type.Optional(StringMapSchema),
  gateways: Type.Optional(Type.Array(Type.String())),
  sourceNamespace: Type.Optional(Type.String()),
};

/** Istio `TLSRoute`: accepted and stored; Shadowmesh routes HTTP only. */
export const TLSRouteSchema = Type.Object({
  match: Type.Optional(
    Type.Array(Type.Object({ sniHosts: Type.Optional(Type.Array(Type.String())), ...L4MatchFields })),
  ),
  route: Type.Optional(Type.Array(RouteDestinationSchema)),
});
export type TLSRoute = Static<typeof TLSRouteSchema>;

/** Istio `TCPRoute`: accepted and stored; Shadowmesh routes HTTP only. */
export const TCPRouteSchema = Type.Object({
  match: Type.Optional(Type.Array(Type.Object(L4MatchFields))),
  route: Type.Optional(Type.Array(RouteDestinationSchema)),
});
export type TCPRoute = Static<typeof TCPRouteSchema>;

/** Istio `VirtualService` spec (networking.istio.io v1alpha3/v1beta1/v1 share it). */
export const VirtualServiceSpecSchema = Type.Object(
  {
    hosts: Type.Optional(Type.Array(Type.String())),
    gateways: Type.Optional(Type.Array(Type.String())),
    http: Type.Optional(Type.Array(HTTPRouteSchema)),
    tls: Type.Optional(Type.Array(TLSRouteSchema)),
    tcp: Type.Optional(Type.Array(TCPRouteSchema)),
    exportTo: Type.Optional(Type.Array(Type.String())),
  },
  { title: 'VirtualService spec' },
);
export type VirtualServiceSpec = Static<typeof VirtualServiceSpecSchema>;

export const VirtualServiceSchema = resourceSchema('VirtualService', VirtualServiceSpecSchema);
export type VirtualService = Resource<'VirtualService', VirtualServiceSpec>;
