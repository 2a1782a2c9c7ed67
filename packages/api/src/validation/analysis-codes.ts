// The closed catalogue of validation and analysis findings. Codes are stable: never reuse or renumber one.
// Every code is documented in docs/analysis-codes.md (a test fails otherwise).

export type FindingLevel = 'error' | 'warning' | 'info';

export interface AnalysisCodeInfo {
  level: FindingLevel;
  title: string;
  /** The `istioctl analyze` message code this corresponds to, where one exists. */
  istio?: string;
  /** The Kiali validation code this corresponds to, where one exists. */
  kiali?: string;
  description: string;
}

const codes = {
  SM0101: {
    level: 'error',
    title: 'Referenced host not found',
    istio: 'IST0101',
    kiali: 'KIA1101',
    description:
      'A route destination names a host that is neither a Service nor a ServiceEntry host. Short names are resolved in the VirtualService namespace. Traffic to it gets 503 (NR).',
  },
  SM0102: {
    level: 'error',
    title: 'Mirror host not found',
    istio: 'IST0101',
    description:
      'A `mirror`/`mirrors` destination names a host that is neither a Service nor a ServiceEntry host; nothing is mirrored.',
  },
  SM0103: {
    level: 'error',
    title: 'Subset not found',
    istio: 'IST0101',
    kiali: 'KIA1107',
    description:
      'A route destination names a subset that no DestinationRule for that host defines. Traffic to it gets 503 (NR).',
  },
  SM0104: {
    level: 'error',
    title: 'Mirror subset not found',
    istio: 'IST0101',
    description:
      'A mirror destination names a subset that no DestinationRule for that host defines; the copy is never sent.',
  },
  SM0105: {
    level: 'error',
    title: 'Gateway not found',
    istio: 'IST0101',
    kiali: 'KIA1102',
    description:
      'A VirtualService (or one of its matches) is bound to a Gateway that does not exist (`name` resolves in the VirtualService namespace, or `namespace/name`).',
  },
  SM0106: {
    level: 'warning',
    title: 'DestinationRule host not found',
    istio: 'IST0174',
    kiali: 'KIA0202',
    description: 'The host of a DestinationRule matches no Service or ServiceEntry; the rule has no effect.',
  },
  SM0107: {
    level: 'warning',
    title: 'ShadowPolicy host not found',
    description: 'The host of a ShadowPolicy matches no Service or ServiceEntry; the policy has no effect.',
  },
  SM0108: {
    level: 'error',
    title: 'HTTPRoute parent not found',
    description:
      'An HTTPRoute `parentRefs` entry names a Service or Gateway that does not exist, or a `sectionName`/`port` that the parent lacks (a Gateway listener, a Service port): the route does not attach to it (Gateway API reason `NoMatchingParent`).',
  },
  SM0109: {
    level: 'error',
    title: 'HTTPRoute backend not found',
    description:
      'An HTTPRoute `backendRefs` entry names a Service that does not exist (Gateway API reason `BackendNotFound`). Requests sent to it get 500.',
  },
  SM0110: {
    level: 'error',
    title: 'HTTPRoute mirror backend not found',
    description:
      'The `backendRef` of an HTTPRoute `RequestMirror` filter names a Service that does not exist; nothing is mirrored.',
  },
  SM0111: {
    level: 'error',
    title: 'Backend port not found',
    description:
      'An HTTPRoute backendRef or mirror backendRef names a port that is not one of the Service ports; the backend cannot be reached.',
  },
  SM0112: {
    level: 'warning',
    title: 'HTTPRoute not allowed by Gateway listeners',
    description:
      'No listener of the parent Gateway (the ones `sectionName`/`port` select) accepts the route: its `allowedRoutes.namespaces` (`Same` by default, `All`, or a `Selector`) excludes the route namespace, its `allowedRoutes.kinds` lack HTTPRoute, or its protocol is not HTTP/HTTPS (Gateway API reason `NotAllowedByListeners`). The route is not attached to that Gateway.',
  },
  SM0113: {
    level: 'warning',
    title: 'No matching listener hostname',
    description:
      'The listeners of the parent Gateway that accept the route all have hostnames that intersect none of the route `hostnames` (Gateway API reason `NoMatchingListenerHostname`). The route is not attached to that Gateway.',
  },
  SM0201: {
    level: 'warning',
    title: 'Weights do not sum to 100',
    description:
      'Route weights are shares of their sum (Istio 1.15+ accepts any non-zero total), but a total other than 100 is often a typo.',
  },
  SM0202: {
    level: 'error',
    title: 'Total weight is 0',
    description:
      'A route with more than one destination has weights summing to 0 (`total destination weight = 0` in istiod): no destination can be picked.',
  },
  SM0203: {
    level: 'warning',
    title: 'Single destination weight below 100',
    kiali: 'KIA1104',
    description:
      'A route with one destination sends it all traffic whatever its weight; a weight below 100 suggests a missing destination.',
  },
  SM0204: {
    level: 'error',
    title: 'Negative weight',
    description: 'A destination weight is negative (`weight %d < 0` in istiod).',
  },
  SM0205: {
    level: 'warning',
    title: 'Duplicate route destination',
    kiali: 'KIA1105',
    description: 'The same host and subset appear twice among the destinations of one route.',
  },
  SM0301: {
    level: 'error',
    title: 'Both mirror and mirrors',
    description:
      'An HTTP route sets both `mirror` and `mirrors` (`HTTP route cannot contain both mirror and mirrors`).',
  },
  SM0302: {
    level: 'error',
    title: 'Mirror percentage out of range',
    description:
      '`mirrorPercentage.value`, `mirrors[].percentage.value` or `mirrorPercent` is outside 0..100.',
  },
  SM0303: {
    level: 'warning',
    title: 'Deprecated mirrorPercent',
    istio: 'IST0133',
    description: '`mirrorPercent` (integer) is deprecated; use `mirrorPercentage: {value: …}`.',
  },
  SM0304: {
    level: 'warning',
    title: 'Mirror target is also a route destination',
    description:
      'A mirror destination equals one of the route destinations (same host and subset): that version receives both real and mirrored requests.',
  },
  SM0305: {
    level: 'warning',
    title: 'Mirror target has no endpoints',
    description:
      'No running workload matches the mirror destination (its Service selector and subset labels): copies are dropped.',
  },
  SM0306: {
    level: 'info',
    title: 'Mirror percentage is 0',
    description: 'A mirror with percentage 0 never sends a copy (Istio emits no mirror policy).',
  },
  SM0401: {
    level: 'warning',
    title: 'Subset selects no workloads',
    istio: 'IST0173',
    kiali: 'KIA0203',
    description:
      'The labels of a DestinationRule subset match no running workload of the host; traffic to it gets 503 (UH) until one starts.',
  },
  SM0402: {
    level: 'info',
    title: 'TLS mode accepted but not enforced',
    description:
      'DestinationRule TLS settings (e.g. `ISTIO_MUTUAL`) are stored but Shadowmesh does not encrypt between sidecars.',
  },
  SM0403: {
    level: 'warning',
    title: 'More than one DestinationRule for a host',
    kiali: 'KIA0201',
    description:
      'Several DestinationRules without workloadSelector name the same host. Istio merges them (subsets combined, the oldest wins on conflicting settings), which makes the effective policy hard to read.',
  },
  SM0404: {
    level: 'warning',
    title: 'Deprecated outlier detection field',
    istio: 'IST0133',
    description:
      '`outlierDetection.consecutiveErrors` is deprecated; use `consecutive5xxErrors` or `consecutiveGatewayErrors`.',
  },
  SM0405: {
    level: 'info',
    title: 'Connection pool setting accepted but not enforced',
    description:
      'A DestinationRule `connectionPool` field the proxy does not enforce (`tcp.idleTimeout`, `http.maxRetries`, `http.h2UpgradePolicy`, `http.useClientProtocol`, `http.maxConcurrentStreams`): it is stored and shown, and has no effect.',
  },
  SM0501: {
    level: 'warning',
    title: 'More than one VirtualService for a host',
    istio: 'IST0109',
    kiali: 'KIA1106',
    description:
      'Several VirtualServices bound to the same gateway (or to the mesh) define the same host. For sidecars only the oldest applies; on a gateway their routes are merged in creation order.',
  },
  SM0502: {
    level: 'warning',
    title: 'HTTPRoute and VirtualService for one mesh host',
    description:
      'An HTTPRoute attached to a Service (a GAMMA mesh route) and a VirtualService bound to the mesh (no `gateways`, or `mesh`) both define routes for that Service host. A sidecar applies one set of routes per host, so one of them is ignored; merge them into one resource.',
  },
  SM0503: {
    level: 'warning',
    title: 'Identical HTTPRoute matches for one parent Service',
    description:
      'HTTPRoutes attached to the same Service are merged (from the same namespace), but two of them have an identical match. Gateway API gives precedence to the oldest route (then namespace/name order), so the newer match never applies.',
  },
  SM0601: {
    level: 'warning',
    title: 'More than one ShadowPolicy for a host',
    description: 'Several ShadowPolicies name the same host; only the oldest one applies.',
  },
  SM0701: {
    level: 'error',
    title: 'Header operation on a reserved header',
    description:
      'A `headers.request` or `headers.response` operation (`set`, `add` or `remove`), or an HTTPRoute `RequestHeaderModifier`/`ResponseHeaderModifier` filter, names `content-length`, `transfer-encoding`, `connection`, `upgrade`, `te`, `trailer`, `keep-alive` or a `proxy-*` header. The proxy frames every message and manages connections itself; changing these would let a request hidden in a body reach the upstream.',
  },
  SM0901: {
    level: 'error',
    title: 'Invalid field',
    istio: 'IST0106',
    description:
      'A field fails the schema or an istiod webhook rule (wrong type, out of range, conflicting fields). The message names the field.',
  },
  SM0902: {
    level: 'warning',
    title: 'Schema warning',
    istio: 'IST0133',
    description:
      'A field is accepted but probably not what was meant (istiod webhook warnings, e.g. an abort with no error type).',
  },
  SM0903: {
    level: 'warning',
    title: 'Unknown field',
    description:
      'A field that the Istio API does not define, in an object whose fields are all known (e.g. `mirrorPercentge` in an HTTP route). It is ignored, as kubectl would prune it; usually a typo.',
  },
} as const satisfies Record<string, AnalysisCodeInfo>;

export type AnalysisCode = keyof typeof codes;

/** Code → level, title, Istio/Kiali equivalents and description. */
export const ANALYSIS_CODES: Readonly<Record<AnalysisCode, AnalysisCodeInfo>> = Object.freeze(codes);

export function isAnalysisCode(code: string): code is AnalysisCode {
  return Object.hasOwn(ANALYSIS_CODES, code);
}
