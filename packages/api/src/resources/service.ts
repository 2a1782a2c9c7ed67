import { type Static, Type } from '@sinclair/typebox';
import type { Resource } from './meta.js';
import { StringMapSchema } from './object-meta-schema.js';
import { resourceSchema } from './resource-schema.js';

/**
 * Kubernetes `ServicePort`. Istio reads the protocol from `appProtocol` first, then the name prefix
 * (`http`, `http-web`, `grpc`…). `targetPort` is a number or a named container port.
 */
export const ServicePortSchema = Type.Object(
  {
    name: Type.Optional(Type.String()),
    port: Type.Integer(),
    targetPort: Type.Optional(
      Type.Union([Type.Integer(), Type.String()], { description: 'a port number or a port name' }),
    ),
    protocol: Type.Optional(Type.Union([Type.Literal('TCP'), Type.Literal('UDP'), Type.Literal('SCTP')])),
    appProtocol: Type.Optional(Type.String()),
    nodePort: Type.Optional(Type.Integer()),
  },
  { title: 'ServicePort' },
);
export type ServicePort = Static<typeof ServicePortSchema>;

/** Kubernetes `ServiceSpec`: only selector and ports matter to the mesh; type, clusterIP… are ignored. */
export const ServiceSpecSchema = Type.Object({
  selector: Type.Optional(StringMapSchema),
  ports: Type.Optional(Type.Array(ServicePortSchema)),
  type: Type.Optional(Type.String()),
  clusterIP: Type.Optional(Type.String()),
});
export type ServiceSpec = Static<typeof ServiceSpecSchema>;

export const ServiceSchema = resourceSchema('Service', ServiceSpecSchema);
export type Service = Resource<'Service', ServiceSpec>;

/** Protocols Istio recognizes from a Service port's `appProtocol` or name prefix. */
export type PortProtocol =
  | 'HTTP'
  | 'HTTP2'
  | 'HTTPS'
  | 'GRPC'
  | 'GRPC-WEB'
  | 'TCP'
  | 'TLS'
  | 'MONGO'
  | 'MYSQL'
  | 'REDIS'
  | 'UDP';

const PROTOCOL_NAMES: Record<string, PortProtocol> = {
  http: 'HTTP',
  http2: 'HTTP2',
  https: 'HTTPS',
  grpc: 'GRPC',
  'grpc-web': 'GRPC-WEB',
  h2c: 'HTTP2',
  tcp: 'TCP',
  tls: 'TLS',
  mongo: 'MONGO',
  mysql: 'MYSQL',
  redis: 'REDIS',
  udp: 'UDP',
};

/**
 * The protocol Istio selects for a Service port: `appProtocol` wins, then the name's `<protocol>[-suffix]`
 * prefix (`http-web` → HTTP, `grpc-web` → GRPC-WEB); undefined means "detect" (Shadowmesh treats it as HTTP).
 */
export function servicePortProtocol(
  port: Pick<ServicePort, 'name' | 'appProtocol' | 'protocol'>,
): PortProtocol | undefined {
  if (port.protocol === 'UDP') return 'UDP';
  const app = port.appProtocol?.toLowerCase().replace(/^kubernetes\.io\//, '');
  if (app && PROTOCOL_NAMES[app]) return PROTOCOL_NAMES[app];
  const name = port.name?.toLowerCase() ?? '';
  if (name.startsWith('grpc-web')) return 'GRPC-WEB';
  return PROTOCOL_NAMES[name.split('-')[0] ?? ''];
}
