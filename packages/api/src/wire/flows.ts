// Request flows: what a proxy captures of one request (primary) or one mirror copy (shadow), how the
// control plane pairs them by `x-request-id` and compares the answers, and the divergence it reports
// per mirror edge. Proxy → control plane: `{ type: 'flows', payload: FlowsPayload }`; control plane →
// proxy: `{ type: 'tap', sessions }`; dashboard and CLI: `GET /api/v1/flows`, `GET /api/v1/flows/{id}`,
// `GET /api/v1/divergence` and the `/api/v1/tap` WebSocket.
import { type Static, Type } from '@sinclair/typebox';

/** Value put in place of a redacted header's value before a flow leaves the proxy. */
export const REDACTED = '[redacted]';

/** Headers always redacted (a ShadowPolicy's `redactHeaders` adds more for its host). */
export const ALWAYS_REDACTED_HEADERS: readonly string[] = Object.freeze([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
]);

/** `primary`: the request as routed; `mirror`: a shadow copy; `baseline`: a copy to the primary's own subset. */
export const FlowTypeSchema = Type.Union([
  Type.Literal('primary'),
  Type.Literal('mirror'),
  Type.Literal('baseline'),
]);
export type FlowType = Static<typeof FlowTypeSchema>;

/** Why a flow was captured: the sampling draw, an error (always kept, without bodies), or a tap session. */
export const CaptureReasonSchema = Type.Union([
  Type.Literal('sampled'),
  Type.Literal('error'),
  Type.Literal('tap'),
]);
export type CaptureReason = Static<typeof CaptureReasonSchema>;

/** The first bytes of a body and facts about the whole of it. */
export const CapturedBodySchema = Type.Object(
  {
    /** `utf8` when the kept bytes are valid UTF-8 (a sequence cut at the limit is dropped), else `base64`. */
    encoding: Type.Union([Type.Literal('utf8'), Type.Literal('base64')]),
    data: Type.String({ maxLength: 1_500_000 }),
    /** Bytes of the whole body. */
    size: Type.Integer({ minimum: 0 }),
    /** Only the first bytes are in `data`. */
    truncated: Type.Boolean(),
    /** Hex SHA-256 of the whole body. */
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  },
  { additionalProperties: false },
);
export type CapturedBody = Static<typeof CapturedBodySchema>;

export const FlowPeerSchema = Type.Object(
  {
    workload: Type.String({ maxLength: 253 }),
    namespace: Type.String({ maxLength: 253 }),
    app: Type.Optional(Type.String({ maxLength: 253 })),
    version: Type.Optional(Type.String({ maxLength: 253 })),
  },
  { additionalProperties: false },
);
export type FlowPeer = Static<typeof FlowPeerSchema>;

export const FlowDestinationSchema = Type.Object(
  {
    /** The service host the request was routed to (`httpbin.default.svc.cluster.local`, or the authority's host). */
    service: Type.String({ maxLength: 253 }),
    namespace: Type.String({ maxLength: 253 }),
    /** DestinationRule subset, when the route named one. */
    subset: Type.Optional(Type.String({ maxLength: 253 })),
    workload: Type.Optional(Type.String({ maxLength: 253 })),
    app: Type.Optional(Type.String({ maxLength: 253 })),
    version: Type.Optional(Type.String({ maxLength: 253 })),
    /** host:port the request went to; absent when answered by the proxy itself. */
    address: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);
export type FlowDestination = Static<typeof FlowDestinationSchema>;

const HeaderMapSchema = Type.Record(Type.String(), Type.String({ maxLength: 16_384 }));

/** One request (primary) or one copy (mirror, baseline) as a proxy saw it. */
export const FlowRecordSchema = Type.Object(
  {
    /** Unique per proxy process: `<proxyId>/<sequence>`. */
    id: Type.String({ minLength: 1, maxLength: 300 }),
    /** `x-request-id`: shared by a primary and all its copies. */
    requestId: Type.String({ minLength: 1, maxLength: 300 }),
    type: FlowTypeSchema,
    reason: CaptureReasonSchema,
    /** Tap sessions (ids) this flow matched. */
    tapSessions: Type.Optional(Type.Array(Type.String(), { maxItems: 64 })),
    /** When the request started, ms since the epoch. */
    startTime: Type.Number({ minimum: 0 }),
    durationMs: Type.Number({ minimum: 0 }),
    source: FlowPeerSchema,
    destination: FlowDestinationSchema,
    /** `name.namespace` of the VirtualService whose route matched, with the route's name when it has one. */
    route: Type.Optional(Type.String({ maxLength: 600 })),
    method: Type.String({ minLength: 1, maxLength: 64 }),
    /** The authority the request was sent with (a mirror copy's carries the `-shadow` suffix when it is on). */
    authority: Type.String({ maxLength: 600 }),
    path: Type.String({ maxLength: 16_384 }),
    /** 0 when no response was received. */
    status: Type.Integer({ minimum: 0, maximum: 999 }),
    /** Envoy response flags (`-`, `UF`, `UT`, `UO`, …). */
    flags: Type.String({ maxLength: 64 }),
    /** Header names in lower case; redacted values are `[redacted]`; repeated headers joined by `, `. */
    requestHeaders: HeaderMapSchema,
    responseHeaders: HeaderMapSchema,
    requestBytes: Type.Integer({ minimum: 0 }),
    responseBytes: Type.Integer({ minimum: 0 }),
    /** Null when bodies were not captured (error-only records) or there was no body. */
    requestBody: Type.Union([CapturedBodySchema, Type.Null()]),
    responseBody: Type.Union([CapturedBodySchema, Type.Null()]),
    /** Primary only: the mirror and baseline copies started for it (the control plane waits for them). */
    copies: Type.Optional(Type.Integer({ minimum: 0, maximum: 64 })),
    /** Mirror copies: the mirror outcome (`mirrored-ok`, `timed-out`, `dropped-at-cap`, …). */
    outcome: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type FlowRecord = Static<typeof FlowRecordSchema>;

/** The payload of a proxy's `flows` message (sent at most once a second, when there is something to send). */
export const FlowsPayloadSchema = Type.Object(
  {
    version: Type.Literal(1),
    flows: Type.Array(FlowRecordSchema, { maxItems: 5_000 }),
    /** Flows the proxy dropped since its last message (its buffer was full or a tap exceeded its rate). */
    dropped: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type FlowsPayload = Static<typeof FlowsPayloadSchema>;

/** Filters of `/api/v1/flows`, the tap stream and proxy tap sessions. All present fields must match. */
export const FlowFilterSchema = Type.Object(
  {
    namespace: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
    /** Destination service: short name, `name.namespace` or FQDN. */
    service: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
    /** Source or destination workload. */
    workload: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
    method: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    /** Path prefix. */
    path: Type.Optional(Type.String({ minLength: 1, maxLength: 2_048 })),
    /** An exact code (`503`) or a class (`5xx`). */
    status: Type.Optional(Type.String({ pattern: '^([1-5][0-9][0-9]|[1-5]xx|0)$' })),
    type: Type.Optional(FlowTypeSchema),
  },
  { additionalProperties: false },
);
export type FlowFilter = Static<typeof FlowFilterSchema>;

/** An on-demand tap: proxies capture every matching request, up to `ratePerSecond`, while it lasts. */
export interface TapSessionSpec {
  id: string;
  filter: FlowFilter;
  ratePerSecond: number;
}

/** Tap sessions allowed per client, and the rate limit a client may ask for. */
export const TAP_DEFAULT_RATE = 10;
export const TAP_MAX_RATE = 100;

/** What a client sends on `/api/v1/tap` (first, and again to change its filter). */
export const TapSubscribeSchema = Type.Object(
  {
    type: Type.Literal('subscribe'),
    filter: FlowFilterSchema,
    /** Flows per second sent to this client (default 10, at most 100); more are counted as dropped. */
    ratePerSecond: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: TAP_MAX_RATE })),
  },
  { additionalProperties: false },
);
export type TapSubscribe = Static<typeof TapSubscribeSchema>;

/** Why a field was not counted as divergence. */
export type IgnoredBecause =
  /** Differs between two primary answers of the same request shape (learned, as Diffy does). */
  | 'volatile'
  /** A ShadowPolicy `divergence` ignore rule, or a header that always varies (date, x-request-id…). */
  | 'rule'
  /** Only the `-shadow` host suffix differs (e.g. an echoed Host header). */
  | 'shadow-host';

export interface FlowDifference {
  kind: 'status' | 'header' | 'body';
  /** `status`; a header name; a JSON path (`$.format.bitrate`); or `line N` for text bodies. */
  field: string;
  /** JSON values (or strings) on each side; absent when the field is missing on that side. */
  primary?: unknown;
  shadow?: unknown;
  /** Set when the difference is not divergence. */
  ignored?: IgnoredBecause;
}

/** One shadow (or baseline) answer compared with its primary. */
export interface FlowComparison {
  /** The copy's flow record id. */
  copyId: string;
  copyType: 'mirror' | 'baseline';
  /** `equal`: no counted difference; `incomparable`: the copy got no answer (timeout, refused, dropped). */
  result: 'equal' | 'divergent' | 'incomparable';
  bodyKind: 'json' | 'text' | 'binary' | 'empty';
  differences: FlowDifference[];
}

/**
 * A primary with its copies, as `/api/v1/flows/{id}` returns it. One `x-request-id` crossing several hops
 * (front → back → store) is one exchange per hop: `id` is the request id, `~`, and a hash of the sending
 * workload and route.
 */
export interface FlowExchange {
  id: string;
  requestId: string;
  /** Start of the primary (or of the first copy seen when the primary was not captured). */
  startTime: number;
  primary: FlowRecord | null;
  copies: FlowRecord[];
  comparisons: FlowComparison[];
  /** Copies the primary announced that have not (yet) arrived. */
  pendingCopies: number;
}

/** A flow record without headers and bodies: a row of the flows table. */
export type FlowRecordSummary = Omit<
  FlowRecord,
  'requestHeaders' | 'responseHeaders' | 'requestBody' | 'responseBody'
>;

export interface FlowExchangeSummary {
  /** As FlowExchange.id. */
  id: string;
  requestId: string;
  startTime: number;
  primary: FlowRecordSummary | null;
  copies: FlowRecordSummary[];
  /** Per compared copy (by `copyId`; a copy whose primary has not arrived has none yet): the result and the first counted differing fields. */
  comparisons: Array<{ copyId: string; result: FlowComparison['result']; fields: string[] }>;
  pendingCopies: number;
}

/** `GET /api/v1/flows`: newest first. */
export interface FlowListResponse {
  items: FlowExchangeSummary[];
  /** Flows the control plane holds (its ring buffer is bounded; the oldest are dropped first). */
  held: number;
  /** Flows dropped by proxies or the ring buffer since the control plane started. */
  dropped: number;
}

/** Messages of the `/api/v1/tap` WebSocket. */
export type TapStreamMessage =
  /** A new exchange, or an update of one already sent (a copy arrived): the client upserts by id. */
  | { type: 'flow'; flow: FlowExchangeSummary }
  /** Flows not sent to this client in the last second because of its rate limit. */
  | { type: 'dropped'; count: number }
  /** The subscribe message was refused; the previous subscription (if any) stays. */
  | { type: 'error'; code: string; message: string; field?: string };

export interface DivergenceField {
  kind: FlowDifference['kind'];
  field: string;
  /** Compared pairs in which this field differed (and was not ignored). */
  count: number;
  /** count / compared. */
  ratio: number;
  /** Up to 5 exchange ids (`/api/v1/flows/{id}`) of flows showing the difference (newest first). */
  examples: string[];
}

/** Divergence of one mirror edge (a source's copies of one route to one target). */
export interface MirrorDivergence {
  /** Namespace of the primary service. */
  namespace: string;
  /** The primary service host (FQDN). */
  service: string;
  /** The route, as FlowRecord.route names it (absent when the route has no name). */
  route?: string;
  /** The workload that sent the copies (the outbound sidecar or gateway). */
  source: FlowPeer;
  /** The mirror target: service host and subset. */
  target: { service: string; namespace: string; subset?: string };
  /** Pairs compared (both answers captured). */
  compared: number;
  /** Compared pairs with at least one counted difference. */
  divergent: number;
  /** divergent / compared (0 when nothing was compared). */
  ratio: number;
  /** Copies that got no answer (timeout, refused, dropped at a cap): not compared. */
  incomparable: number;
  /** Most frequent counted differences first (at most 10). */
  fields: DivergenceField[];
  /** Fields learned as volatile for this route's request shapes (not counted). */
  volatileFields: string[];
}

/** `GET /api/v1/divergence?namespace&service`. */
export interface DivergenceResponse {
  items: MirrorDivergence[];
}
