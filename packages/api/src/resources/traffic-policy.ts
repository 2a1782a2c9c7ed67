import { type Static, Type } from '@sinclair/typebox';
import { PortSelectorSchema } from './destination.js';
import { DurationSchema } from './duration.js';

const literals = <T extends string>(...values: T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const SimpleLBSchema = literals(
  'UNSPECIFIED',
  'LEAST_CONN',
  'RANDOM',
  'PASSTHROUGH',
  'ROUND_ROBIN',
  'LEAST_REQUEST',
);
export type SimpleLB = Static<typeof SimpleLBSchema>;

export const ConsistentHashLBSchema = Type.Object({
  httpHeaderName: Type.Optional(Type.String()),
  httpCookie: Type.Optional(
    Type.Object({
      name: Type.String(),
      path: Type.Optional(Type.String()),
      ttl: Type.Optional(DurationSchema),
    }),
  ),
  useSourceIp: Type.Optional(Type.Boolean()),
  httpQueryParameterName: Type.Optional(Type.String()),
  ringHash: Type.Optional(Type.Object({ minimumRingSize: Type.Optional(Type.Integer()) })),
  maglev: Type.Optional(Type.Object({ tableSize: Type.Optional(Type.Integer()) })),
  minimumRingSize: Type.Optional(Type.Integer()),
});

/** Istio `LoadBalancerSettings`: `simple` defaults to LEAST_REQUEST. */
export const LoadBalancerSettingsSchema = Type.Object({
  simple: Type.Optional(SimpleLBSchema),
  consistentHash: Type.Optional(ConsistentHashLBSchema),
  localityLbSetting: Type.Optional(Type.Object({})),
  warmupDurationSecs: Type.Optional(DurationSchema),
});
export type LoadBalancerSettings = Static<typeof LoadBalancerSettingsSchema>;

export const ConnectionPoolSettingsSchema = Type.Object({
  tcp: Type.Optional(
    Type.Object({
      maxConnections: Type.Optional(Type.Integer()),
      connectTimeout: Type.Optional(DurationSchema),
      maxConnectionDuration: Type.Optional(DurationSchema),
      idleTimeout: Type.Optional(DurationSchema),
    }),
  ),
  http: Type.Optional(
    Type.Object({
      http1MaxPendingRequests: Type.Optional(Type.Integer()),
      http2MaxRequests: Type.Optional(Type.Integer()),
      maxRequestsPerConnection: Type.Optional(Type.Integer()),
      maxRetries: Type.Optional(Type.Integer()),
      idleTimeout: Type.Optional(DurationSchema),
      h2UpgradePolicy: Type.Optional(literals('DEFAULT', 'DO_NOT_UPGRADE', 'UPGRADE')),
      useClientProtocol: Type.Optional(Type.Boolean()),
      maxConcurrentStreams: Type.Optional(Type.Integer()),
    }),
  ),
});
export type ConnectionPoolSettings = Static<typeof ConnectionPoolSettingsSchema>;

/** `connectionPool` fields the proxy accepts but does not enforce (analysis SM0405, route-table issues). */
export const UNENFORCED_CONNECTION_POOL_FIELDS = {
  tcp: ['idleTimeout'],
  http: ['maxRetries', 'h2UpgradePolicy', 'useClientProtocol', 'maxConcurrentStreams'],
} as const;

/** The set fields of `cp` that the proxy does not enforce, as `connectionPool.<section>.<field>`. */
export function unenforcedConnectionPoolFields(cp: ConnectionPoolSettings | undefined): string[] {
  const out: string[] = [];
  for (const section of ['tcp', 'http'] as const) {
    const values = cp?.[section] as Record<string, unknown> | undefined;
    for (const field of UNENFORCED_CONNECTION_POOL_FIELDS[section])
      if (values?.[field] !== undefined) out.push(`connectionPool.${section}.${field}`);
  }
  return out;
}

/** Istio `OutlierDetection`: defaults 5 consecutive 5xx, 10s interval, 30s ejection, 10 % max ejected. */
export const OutlierDetectionSchema = Type.Object({
  consecutive5xxErrors: Type.Optional(Type.Integer()),
  consecutiveGatewayErrors: Type.Optional(Type.Integer()),
  /** Deprecated: use consecutive5xxErrors / consecutiveGatewayErrors. */
  consecutiveErrors: Type.Optional(Type.Integer()),
  consecutiveLocalOriginFailures: Type.Optional(Type.Integer()),
  splitExternalLocalOriginErrors: Type.Optional(Type.Boolean()),
  interval: Type.Optional(DurationSchema),
  baseEjectionTime: Type.Optional(DurationSchema),
  maxEjectionPercent: Type.Optional(Type.Integer()),
  minHealthPercent: Type.Optional(Type.Integer()),
});
export type OutlierDetection = Static<typeof OutlierDetectionSchema>;

export const ClientTLSModeSchema = literals('DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL');
export type ClientTLSMode = Static<typeof ClientTLSModeSchema>;

/** Istio `ClientTLSSettings`: accepted; Shadowmesh does not encrypt between sidecars (see analysis SM0401). */
export const ClientTLSSettingsSchema = Type.Object({
  mode: Type.Optional(ClientTLSModeSchema),
  clientCertificate: Type.Optional(Type.String()),
  privateKey: Type.Optional(Type.String()),
  caCertificates: Type.Optional(Type.String()),
  credentialName: Type.Optional(Type.String()),
  subjectAltNames: Type.Optional(Type.Array(Type.String())),
  sni: Type.Optional(Type.String()),
  insecureSkipVerify: Type.Optional(Type.Boolean()),
});
export type ClientTLSSettings = Static<typeof ClientTLSSettingsSchema>;

const policyFields = {
  loadBalancer: Type.Optional(LoadBalancerSettingsSchema),
  connectionPool: Type.Optional(ConnectionPoolSettingsSchema),
  outlierDetection: Type.Optional(OutlierDetectionSchema),
  tls: Type.Optional(ClientTLSSettingsSchema),
};

export const PortTrafficPolicySchema = Type.Object({
  port: Type.Optional(PortSelectorSchema),
  ...policyFields,
});
export type PortTrafficPolicy = Static<typeof PortTrafficPolicySchema>;

/** Istio `TrafficPolicy`: subset-level settings override the DestinationRule-level ones. */
export const TrafficPolicySchema = Type.Object({
  ...policyFields,
  portLevelSettings: Type.Optional(Type.Array(PortTrafficPolicySchema)),
  tunnel: Type.Optional(Type.Object({})),
  proxyProtocol: Type.Optional(Type.Object({})),
});
export type TrafficPolicy = Static<typeof TrafficPolicySchema>;
