// Telemetry labels of this proxy's own workload and of the endpoints it sends to.
import type { Endpoint } from '@shadowmesh/routing';
import type { EdgeKey, Reporter, RequestType } from '@shadowmesh/telemetry';
import { UNKNOWN } from '@shadowmesh/telemetry';
import type { ResponseFlag } from './local-reply.js';

export interface SourceLabels {
  reporter: Reporter;
  workload: string;
  app: string;
  version: string;
  namespace: string;
}

export interface DestinationLabels {
  service: string;
  workload: string;
  app: string;
  version: string;
  namespace: string;
}

export function sourceLabels(
  reporter: Reporter,
  workload: string,
  namespace: string,
  labels: Readonly<Record<string, string>>,
): SourceLabels {
  return { reporter, workload, namespace, app: labels.app ?? UNKNOWN, version: labels.version ?? UNKNOWN };
}

export function destinationOf(service: string, endpoint: Endpoint | null): DestinationLabels {
  if (endpoint === null) {
    return { service, workload: UNKNOWN, app: UNKNOWN, version: UNKNOWN, namespace: UNKNOWN };
  }
  return {
    service,
    workload: endpoint.workload,
    namespace: endpoint.namespace,
    app: endpoint.labels.app ?? UNKNOWN,
    version: endpoint.labels.version ?? UNKNOWN,
  };
}

export function edgeKey(
  source: SourceLabels,
  destination: DestinationLabels,
  responseCode: number,
  responseFlags: ResponseFlag | '-' | string,
  requestType: RequestType,
): EdgeKey {
  return {
    reporter: source.reporter,
    sourceWorkload: source.workload,
    sourceApp: source.app,
    sourceVersion: source.version,
    sourceNamespace: source.namespace,
    destinationService: destination.service,
    destinationWorkload: destination.workload,
    destinationApp: destination.app,
    destinationVersion: destination.version,
    destinationNamespace: destination.namespace,
    responseCode,
    responseFlags,
    requestType,
    protocol: 'http',
  };
}
