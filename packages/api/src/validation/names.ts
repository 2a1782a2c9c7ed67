// Kubernetes and Istio name rules. Each check returns an error message, or null when the name is valid.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const HOST_LABEL = /^[a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** DNS-1123 label: namespaces, subset names, port names. */
export function checkDns1123Label(value: string): string | null {
  if (value.length > 63) return `"${value}" must be no more than 63 characters`;
  if (!DNS1123_LABEL.test(value)) {
    return `"${value}" must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit`;
  }
  return null;
}

/** DNS-1123 subdomain: names of most objects. */
export function checkDns1123Subdomain(value: string): string | null {
  if (value.length > 253) return `"${value}" must be no more than 253 characters`;
  if (!DNS1123_SUBDOMAIN.test(value)) {
    return `"${value}" must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit`;
  }
  return null;
}

/** DNS-1035 label: Service names (they become DNS names, so they start with a letter). */
export function checkDns1035Label(value: string): string | null {
  if (value.length > 63) return `"${value}" must be no more than 63 characters`;
  if (!DNS1035_LABEL.test(value)) {
    return `"${value}" must be a DNS-1035 label: lower-case letters, digits and '-', starting with a letter and ending with a letter or digit`;
  }
  return null;
}

export function isIpAddress(value: string): boolean {
  return IPV4.test(value) || (value.includes(':') && /^[0-9a-fA-F:.]+$/.test(value));
}

/** A host as Istio accepts it: a DNS name, optionally with a `*` or `*.` wildcard prefix, or `*` alone. */
export function checkWildcardHost(value: string): string | null {
  if (value === '*') return null;
  if (value.length === 0) return 'host must not be empty';
  if (value.length > 255) return `host "${value}" is longer than 255 characters`;
  const rest = value.startsWith('*.') ? value.slice(2) : value.startsWith('*') ? value.slice(1) : value;
  const labels = rest.replace(/\.$/, '').split('.');
  for (const label of labels) {
    if (label.length > 63 || !HOST_LABEL.test(label)) {
      return `host "${value}" is not a valid DNS name (a wildcard is only allowed as a prefix, e.g. "*.example.com")`;
    }
  }
  return null;
}

/** A Kubernetes label key (`app`, `app.kubernetes.io/name`). */
export function checkLabelKey(key: string): string | null {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : '';
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (slash >= 0 && checkDns1123Subdomain(prefix) !== null) {
    return `label key "${key}" has an invalid prefix (must be a DNS-1123 subdomain)`;
  }
  if (name.length === 0 || name.length > 63 || !LABEL_NAME.test(name)) {
    return `label key "${key}" must be 1-63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit`;
  }
  return null;
}

/** A Kubernetes label value (may be empty). */
export function checkLabelValue(value: string): string | null {
  if (value === '') return null;
  if (value.length > 63 || !LABEL_NAME.test(value)) {
    return `label value "${value}" must be at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit`;
  }
  return null;
}

/** A named container port (`targetPort: http`): an IANA service name. */
export function checkPortName(value: string): string | null {
  if (value.length > 15 || !IANA_SVC_NAME.test(value) || !/[a-z]/.test(value) || value.includes('--')) {
    return `"${value}" must be a port number or an IANA service name (at most 15 lower-case letters, digits and '-', with at least one letter)`;
  }
  return null;
}

export function checkPortNumber(value: number): string | null {
  return Number.isInteger(value) && value >= 1 && value <= 65535
    ? null
    : `port ${value} is out of range 1-65535`;
}
