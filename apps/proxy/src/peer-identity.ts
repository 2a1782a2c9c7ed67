// Who sent a request, carried from the sending sidecar to the receiving one in `x-shadowmesh-peer`
// (Istio exchanges the same facts in `x-envoy-peer-metadata`). The receiver strips it before the app.
import { UNKNOWN } from '@shadowmesh/telemetry';

export interface PeerIdentity {
  workload: string;
  namespace: string;
  app: string;
  version: string;
  /** The destination service the sender routed to (FQDN), so the receiver reports the same name. */
  service: string;
  /** The sending proxy process (random): lets a proxy recognise its own requests coming back (a loop). */
  instance?: string;
}

export function encodePeer(peer: PeerIdentity): string {
  const e = encodeURIComponent;
  const value = `w=${e(peer.workload)};n=${e(peer.namespace)};a=${e(peer.app)};v=${e(peer.version)};s=${e(peer.service)}`;
  return peer.instance === undefined ? value : `${value};i=${e(peer.instance)}`;
}

/** Decodes the header; missing or malformed parts become `unknown` (it comes from the network). */
export function decodePeer(value: string | string[] | undefined): PeerIdentity {
  const peer: PeerIdentity = {
    workload: UNKNOWN,
    namespace: UNKNOWN,
    app: UNKNOWN,
    version: UNKNOWN,
    service: UNKNOWN,
  };
  if (typeof value !== 'string') return peer;
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== 1) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(part.slice(2));
    } catch {
      continue;
    }
    if (decoded === '') continue;
    switch (part[0]) {
      case 'w':
        peer.workload = decoded;
        break;
      case 'n':
        peer.namespace = decoded;
        break;
      case 'a':
        peer.app = decoded;
        break;
      case 'v':
        peer.version = decoded;
        break;
      case 's':
        peer.service = decoded;
        break;
    }
  }
  return peer;
}
