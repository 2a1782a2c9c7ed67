// Gateway API string formats (the CRD's OpenAPI patterns and lengths). Each check returns an error
// message, or null when the value is valid.
import { isIpAddress } from './names.js';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const KIND = /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
/** RFC 7230 `token`: what a header (or query parameter) name may be. */
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;

/**
 * `Hostname` (a route's `hostnames`, a listener's `hostname`; `wildcard`) or `PreciseHostname` (redirect
 * and rewrite hostnames): a lower-case RFC 1123 name, with an optional leading `*.` label only when
 * `wildcard`; never an IP address or a port.
 */
export function checkGatewayHostname(value: string, wildcard: boolean): string | null {
  if (value === '') return 'hostname must not be empty';
  if (value.length > 253) return `hostname "${value.slice(0, 40)}…" is longer than 253 characters`;
  if (isIpAddress(value)) return `"${value}" is an IP address; Gateway API hostnames must be DNS names`;
  if (/:\d+$/.test(value)) return `hostname "${value}" must not include a port`;
  const bare = wildcard && value.startsWith('*.') ? value.slice(2) : value;
  if (!SUBDOMAIN.test(bare) || bare.split('.').some((l) => l.length > 63)) {
    const what = wildcard ? 'with an optional leading "*." label' : 'without a wildcard';
    return `hostname "${value}" must be a lower-case RFC 1123 hostname ${what} (labels of a-z, 0-9 and '-', at most 63 characters each)`;
  }
  return null;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** A literal IPv4 or IPv6 address (no port, no zone, no brackets): a Gateway `IPAddress` value. */
export function isIpLiteral(value: string): boolean {
  if (IPV4.test(value)) return true;
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((h) => (h === '' ? [] : h.split(':')));
  const all = groups.flat();
  const last = all[all.length - 1] ?? '';
  const v4 = IPV4.test(last) ? 2 : 0; // an embedded IPv4 tail counts as two groups
  const hex = v4 ? all.slice(0, -1) : all;
  if (!hex.every((g) => HEX_GROUP.test(g))) return false;
  const count = hex.length + v4;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** `HTTPHeaderName` (header and query parameter names): an RFC 7230 token of at most 256 characters. */
export function checkHeaderName(value: string): string | null {
  if (value === '') return 'name must not be empty';
  if (value.length > 256) return `name "${value.slice(0, 40)}…" is longer than 256 characters`;
  if (!HEADER_NAME.test(value)) {
    return `"${value}" is not a valid HTTP header name (an RFC 7230 token: letters, digits and !#$%&'*+-.^_\`|~)`;
  }
  return null;
}

/** `Group`: empty (the core group) or a DNS subdomain. */
export function checkGroup(value: string): string | null {
  if (value === '') return null;
  if (value.length > 253 || !SUBDOMAIN.test(value)) {
    return `group "${value}" must be empty (the core group) or a lower-case DNS subdomain such as gateway.networking.k8s.io`;
  }
  return null;
}

/** `Kind`: a CamelCase kind name of 1-63 characters. */
export function checkKind(value: string): string | null {
  if (value.length > 63 || !KIND.test(value)) {
    return `kind "${value}" must be 1-63 letters, digits and '-', starting with a letter (e.g. Service, Gateway)`;
  }
  return null;
}

/** `ObjectName`: 1-253 characters. */
export function checkObjectName(value: string): string | null {
  if (value === '') return 'name must not be empty';
  if (value.length > 253) return `name "${value.slice(0, 40)}…" is longer than 253 characters`;
  return null;
}

/** A `maxItems` bound, as the API server words it. */
export function tooMany(list: readonly unknown[] | undefined, max: number): string | null {
  const n = list?.length ?? 0;
  return n > max ? `must have at most ${max} items (has ${n})` : null;
}
