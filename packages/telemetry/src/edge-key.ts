// The identity of one edge of the service graph, labelled as Istio labels its standard metrics.

/** Who reported the request: the sending proxy (`source`) or the receiving one (`destination`). */
export type Reporter = 'source' | 'destination';

/** A primary request, or a mirror copy (reported by the sending proxy as well, unlike Istio). */
export type RequestType = 'primary' | 'mirror';

export type RequestProtocol = 'http' | 'grpc';

/** One edge: source workload → destination service/workload, with the outcome that splits it. */
export interface EdgeKey {
  reporter: Reporter;
  sourceWorkload: string;
  sourceApp: string;
  sourceVersion: string;
  sourceNamespace: string;
  /** Fully-qualified service host (`httpbin.default.svc.cluster.local`), or the authority for passthrough. */
  destinationService: string;
  destinationWorkload: string;
  destinationApp: string;
  destinationVersion: string;
  destinationNamespace: string;
  /** HTTP status answered, 0 when none was (client gone before an answer). */
  responseCode: number;
  /** Envoy response flags (`-` when none, else e.g. `UF`, `UH`, `UT`, `NR`, `FI`, `DI`). */
  responseFlags: string;
  requestType: RequestType;
  protocol: RequestProtocol;
}

/** The fields of an EdgeKey in a fixed order: the order of `edgeKeyId` and of Prometheus labels. */
export const EDGE_KEY_FIELDS = [
  'reporter',
  'sourceWorkload',
  'sourceApp',
  'sourceVersion',
  'sourceNamespace',
  'destinationService',
  'destinationWorkload',
  'destinationApp',
  'destinationVersion',
  'destinationNamespace',
  'responseCode',
  'responseFlags',
  'requestType',
  'protocol',
] as const satisfies readonly (keyof EdgeKey)[];

const SEPARATOR = '\u0001';

/** A string that identifies the key exactly (used as a map key); no field may contain U+0001. */
export function edgeKeyId(key: EdgeKey): string {
  return (
    key.reporter +
    SEPARATOR +
    key.sourceWorkload +
    SEPARATOR +
    key.sourceApp +
    SEPARATOR +
    key.sourceVersion +
    SEPARATOR +
    key.sourceNamespace +
    SEPARATOR +
    key.destinationService +
    SEPARATOR +
    key.destinationWorkload +
    SEPARATOR +
    key.destinationApp +
    SEPARATOR +
    key.destinationVersion +
    SEPARATOR +
    key.destinationNamespace +
    SEPARATOR +
    key.responseCode +
    SEPARATOR +
    key.responseFlags +
    SEPARATOR +
    key.requestType +
    SEPARATOR +
    key.protocol
  );
}

/** Istio's value for an unknown label. */
export const UNKNOWN = 'unknown';
