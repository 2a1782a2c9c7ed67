// Mesh-wide settings (MeshConfig over MESH_CONFIG_DEFAULTS) and their per-host ShadowPolicy overrides.
import type { MeshConfig, ShadowPolicySpec } from '@shadowmesh/api';
import {
  applyShadowPolicy,
  MESH_CONFIG_DEFAULTS,
  MESH_CONFIG_NAME,
  MESH_CONFIG_NAMESPACE,
  parseDuration,
  resolveHost,
  resolveMeshConfig,
} from '@shadowmesh/api';
import { HostIndex } from './host-index.js';
import { namespaceOf, type ResourceSet } from './resource-set.js';
import type { MeshSettings, ShadowSettings } from './types.js';

const DEFAULT_TIMEOUT_MS = parseDuration(MESH_CONFIG_DEFAULTS.mirror.timeout);

/** The mesh's MeshConfig: `default/default` when present, else the first one (by creation time). */
function pickMeshConfig(list: readonly MeshConfig[]): MeshConfig | undefined {
  return (
    list.find((m) => m.metadata.name === MESH_CONFIG_NAME && namespaceOf(m) === MESH_CONFIG_NAMESPACE) ??
    list[0]
  );
}

function timeoutMs(text: string, onError: (m: string) => void): number {
  try {
    return parseDuration(text);
  } catch (err) {
    onError(`mirror.timeout: ${(err as Error).message}`);
    return DEFAULT_TIMEOUT_MS;
  }
}

/** Lower-cased, trimmed, de-duplicated header names (empty entries dropped). */
function redactedNames(names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const name of names) {
    const n = typeof name === 'string' ? name.trim().toLowerCase() : '';
    if (n !== '') out.add(n);
  }
  return [...out];
}

/** Resolves MeshConfig and ShadowPolicies once; `forHost` is a map lookup afterwards. */
export class ShadowSettingsIndex {
  readonly mesh: MeshSettings;
  private readonly base: ShadowSettings;
  private readonly policies = new HostIndex<ShadowPolicySpec>();
  private readonly cache = new Map<string, ShadowSettings>();
  private readonly resolvedMesh: ReturnType<typeof resolveMeshConfig>;

  constructor(
    set: ResourceSet,
    private readonly onError: (message: string) => void,
  ) {
    this.resolvedMesh = resolveMeshConfig(pickMeshConfig(set.meshConfigs)?.spec);
    this.base = this.toShadowSettings(applyShadowPolicy(this.resolvedMesh, undefined));
    this.mesh = Object.freeze({ ...this.base, outboundPolicy: this.resolvedMesh.outboundTrafficPolicy.mode });
    for (const sp of set.shadowPolicies) {
      if (typeof sp.spec.host !== 'string') continue;
      const host = resolveHost(sp.spec.host, namespaceOf(sp), { namespaces: set.namespaces });
      this.policies.add(host, sp.spec);
    }
  }

  /** Settings for a (mirror target) host: the mesh's, overridden by the host's ShadowPolicy if any. */
  forHost(host: string): ShadowSettings {
    let s = this.cache.get(host);
    if (!s) {
      const policy = this.policies.lookup(host) ?? undefined;
      s = policy ? this.toShadowSettings(applyShadowPolicy(this.resolvedMesh, policy)) : this.base;
      this.cache.set(host, s);
    }
    return s;
  }

  private toShadowSettings(e: ReturnType<typeof applyShadowPolicy>): ShadowSettings {
    return Object.freeze({
      shadowHostSuffix: e.shadowHostSuffix,
      maxInFlight: e.mirror.maxInFlight,
      timeoutMs: timeoutMs(e.mirror.timeout, this.onError),
      maxBodyBytes: e.mirror.maxBodyBytes,
      captureBodyBytes: e.captureBodyBytes,
      flowSampling: e.flowSampling,
      redactHeaders: Object.freeze(redactedNames(e.redactHeaders)),
      baselinePercentage: e.baseline.percentage,
    });
  }
}
