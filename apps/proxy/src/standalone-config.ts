// `--config FILE`: run without a control plane, from multi-document YAML as written for Istio.
// Endpoints come from Istio `WorkloadEntry` objects in the same file (address + the workload sidecar's
// inbound port + labels), which Kubernetes Services select by label exactly as they select registered
// sidecars; ServiceEntries with inline `endpoints` also work as in Istio.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ProxyConfigSnapshot, WorkloadEndpoint } from '@shadowmesh/api';
import { parseManifests, parseYamlDocuments } from '@shadowmesh/api';
import { ProxyError } from './errors.js';
import { formatHostPort } from './host-port.js';

export async function readStandaloneConfig(
  file: string,
  defaultNamespace: string,
): Promise<ProxyConfigSnapshot> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ProxyError('DP_ERR_CONFIG_FILE', `--config: cannot read ${file}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return parseStandaloneConfig(text, file, defaultNamespace);
}

/** Resources and WorkloadEntry endpoints of `text`; throws DP_ERR_CONFIG_FILE naming file, line and field. */
export function parseStandaloneConfig(
  text: string,
  file: string,
  defaultNamespace: string,
): ProxyConfigSnapshot {
  const parsed = parseManifests(text, { defaultNamespace });
  if (!parsed.ok) {
    const lines = parsed.errors.map((e) => {
      const at =
        e.line !== undefined ? `${file}:${e.line}:${e.column ?? 1}` : `${file} (document ${e.document})`;
      return `${at}: ${e.field}: ${e.message}`;
    });
    throw new ProxyError('DP_ERR_CONFIG_FILE', `--config: invalid resources\n${lines.join('\n')}`);
  }
  const endpoints = workloadEntries(text, file, defaultNamespace);
  const version = `file-${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
  return { version, resources: parsed.resources, endpoints };
}

function workloadEntries(text: string, file: string, defaultNamespace: string): WorkloadEndpoint[] {
  const out: WorkloadEndpoint[] = [];
  parseYamlDocuments(text, { logLevel: 'silent' }).forEach((doc, index) => {
    if (!('toJS' in doc) || doc.errors.length > 0) return;
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    const items = isObject(value) && Array.isArray(value.items) ? value.items : [value];
    for (const item of items) {
      if (!isObject(item) || item.kind !== 'WorkloadEntry') continue;
      out.push(workloadEntry(item, `${file} (document ${index})`, defaultNamespace));
    }
  });
  return out;
}

function workloadEntry(
  obj: Record<string, unknown>,
  where: string,
  defaultNamespace: string,
): WorkloadEndpoint {
  const meta = isObject(obj.metadata) ? obj.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  const namespace = typeof meta.namespace === 'string' ? meta.namespace : defaultNamespace;
  const fail = (field: string, message: string): never => {
    throw new ProxyError(
      'DP_ERR_CONFIG_FILE',
      `--config: ${where}: WorkloadEntry ${namespace}/${name}: ${field}: ${message}`,
    );
  };
  if (name === '') fail('metadata.name', 'required');
  const spec = isObject(obj.spec) ? obj.spec : fail('spec', 'required');
  if (typeof spec.address !== 'string' || spec.address === '')
    fail('spec.address', 'required (the sidecar host)');
  const ports = isObject(spec.ports)
    ? spec.ports
    : fail('spec.ports', "required: { http: <the sidecar's inbound port> }");
  const chosen = ports.http ?? Object.values(ports)[0];
  if (typeof chosen !== 'number' || !Number.isInteger(chosen) || chosen < 1 || chosen > 65535) {
    fail('spec.ports', 'expected a port number (1-65535)');
  }
  const labels: Record<string, string> = {};
  if (spec.labels !== undefined) {
    if (!isObject(spec.labels)) fail('spec.labels', 'expected a map of strings');
    for (const [k, v] of Object.entries(spec.labels as Record<string, unknown>)) {
      if (typeof v !== 'string') fail(`spec.labels.${k}`, 'expected a string');
      labels[k] = v as string;
    }
  }
  const address = formatHostPort(spec.address as string, chosen as number);
  return { proxyId: `file/${namespace}/${name}`, workload: name, namespace, labels, address };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
