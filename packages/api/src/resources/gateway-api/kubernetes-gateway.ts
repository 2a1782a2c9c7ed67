import { type Static, Type } from '@sinclair/typebox';
import type { Resource } from '../meta.js';
import { StringMapSchema } from '../object-meta-schema.js';
import { resourceSchema } from '../resource-schema.js';

/** The `kind` a Kubernetes Gateway is written with; Shadowmesh names it `KubernetesGateway` inside (as istiod does). */
export const KUBERNETES_GATEWAY_MANIFEST_KIND = 'Gateway';

/** The label istiod puts on a Gateway API Gateway's deployment; the Gateway's listeners select proxies by it. */
export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

/** `AllowedRoutes`: which namespaces' routes may attach to a listener (default: the Gateway's own). */
export const AllowedRoutesSchema = Type.Object(
  {
    namespaces: Type.Optional(
      Type.Object({
        from: Type.Optional(
          Type.Union([Type.Literal('All'), Type.Literal('Same'), Type.Literal('Selector')]),
        ),
        selector: Type.Optional(
          Type.Object({
            matchLabels: Type.Optional(StringMapSchema),
            matchExpressions: Type.Optional(
              Type.Array(
                Type.Object({
                  key: Type.String(),
                  operator: Type.String(),
                  values: Type.Optional(Type.Array(Type.String())),
                }),
              ),
            ),
          }),
        ),
      }),
    ),
    kinds: Type.Optional(
      Type.Array(Type.Object({ group: Type.Optional(Type.String()), kind: Type.String() })),
    ),
  },
  { title: 'AllowedRoutes' },
);
export type AllowedRoutes = Static<typeof AllowedRoutesSchema>;

/** `GatewayTLSConfig` (accepted; TLS is not terminated, as with Istio Gateways here). */
export const GatewayTLSConfigSchema = Type.Object({
  mode: Type.Optional(Type.Union([Type.Literal('Terminate'), Type.Literal('Passthrough')])),
  certificateRefs: Type.Optional(
    Type.Array(
      Type.Object({
        group: Type.Optional(Type.String()),
        kind: Type.Optional(Type.String()),
        name: Type.String(),
        namespace: Type.Optional(Type.String()),
      }),
    ),
  ),
  options: Type.Optional(StringMapSchema),
});

/** `Listener`: a port, protocol and optional hostname the Gateway serves. */
export const ListenerSchema = Type.Object(
  {
    name: Type.String(),
    hostname: Type.Optional(Type.String()),
    port: Type.Integer(),
    protocol: Type.String(),
    tls: Type.Optional(GatewayTLSConfigSchema),
    allowedRoutes: Type.Optional(AllowedRoutesSchema),
  },
  { title: 'Listener' },
);
export type Listener = Static<typeof ListenerSchema>;

/** Kubernetes `Gateway` spec. */
export const KubernetesGatewaySpecSchema = Type.Object(
  {
    gatewayClassName: Type.String(),
    listeners: Type.Array(ListenerSchema),
    addresses: Type.Optional(
      Type.Array(Type.Object({ type: Type.Optional(Type.String()), value: Type.String() })),
    ),
    infrastructure: Type.Optional(
      Type.Object({
        labels: Type.Optional(StringMapSchema),
        annotations: Type.Optional(StringMapSchema),
      }),
    ),
  },
  { title: 'Gateway spec (gateway.networking.k8s.io)' },
);
export type KubernetesGatewaySpec = Static<typeof KubernetesGatewaySpecSchema>;

export const KubernetesGatewaySchema = resourceSchema('KubernetesGateway', KubernetesGatewaySpecSchema);
export type KubernetesGateway = Resource<'KubernetesGateway', KubernetesGatewaySpec>;
