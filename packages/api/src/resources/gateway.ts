import { type Static, Type } from '@sinclair/typebox';
import type { Resource } from './meta.js';
import { StringMapSchema } from './object-meta-schema.js';
import { resourceSchema } from './resource-schema.js';

/** Istio `Port` of a Gateway server; protocol is one of HTTP|HTTPS|GRPC|GRPC-WEB|HTTP2|MONGO|TCP|TLS. */
export const GatewayPortSchema = Type.Object(
  {
    number: Type.Integer(),
    protocol: Type.String(),
    name: Type.Optional(Type.String()),
    targetPort: Type.Optional(Type.Integer()),
  },
  { title: 'Port' },
);
export type GatewayPort = Static<typeof GatewayPortSchema>;

/** Istio `ServerTLSSettings` (accepted; TLS termination is not implemented). */
export const ServerTLSSettingsSchema = Type.Object({
  httpsRedirect: Type.Optional(Type.Boolean()),
  mode: Type.Optional(
    Type.Union(
      ['PASSTHROUGH', 'SIMPLE', 'MUTUAL', 'AUTO_PASSTHROUGH', 'ISTIO_MUTUAL', 'OPTIONAL_MUTUAL'].map((m) =>
        Type.Literal(m),
      ),
    ),
  ),
  credentialName: Type.Optional(Type.String()),
  serverCertificate: Type.Optional(Type.String()),
  privateKey: Type.Optional(Type.String()),
  caCertificates: Type.Optional(Type.String()),
});
export type ServerTLSSettings = Static<typeof ServerTLSSettingsSchema>;

/** Istio `Server`: a port plus the hosts (`ns/host` or `host`) exposed on it. */
export const ServerSchema = Type.Object(
  {
    port: GatewayPortSchema,
    hosts: Type.Array(Type.String()),
    bind: Type.Optional(Type.String()),
    tls: Type.Optional(ServerTLSSettingsSchema),
    defaultEndpoint: Type.Optional(Type.String()),
    name: Type.Optional(Type.String()),
  },
  { title: 'Server' },
);
export type Server = Static<typeof ServerSchema>;

/** Istio `Gateway` spec: the selector picks gateway proxies by their labels. */
export const GatewaySpecSchema = Type.Object(
  {
    servers: Type.Array(ServerSchema),
    selector: Type.Optional(StringMapSchema),
  },
  { title: 'Gateway spec' },
);
export type GatewaySpec = Static<typeof GatewaySpecSchema>;

export const GatewaySchema = resourceSchema('Gateway', GatewaySpecSchema);
export type Gateway = Resource<'Gateway', GatewaySpec>;
