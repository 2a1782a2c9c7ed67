// What the flows service reads from config: each mirror target host's divergence ignore rules (its
// ShadowPolicy's `divergence`), and how long a primary waits for its copies (the longest mirror timeout
// of MeshConfig and every ShadowPolicy, plus a grace period). Rebuilt when the store's revision moves.
import type { MeshConfig, MeshResource, ShadowPolicy } from '@shadowmesh/api';
import {
  applyShadowPolicy,
  hostMatches,
  MESH_CONFIG_NAME,
  MESH_CONFIG_NAMESPACE,
  parseDuration,
  resolveHost,
  resolveMeshConfig,
} from '@shadowmesh/api';
import { type CompareRules, compileCompareRules, NO_RULES } from './compare/index.js';

/** What the flows service needs from config (a fixed one in unit tests). */
export interface FlowSettings {
  /** Ignore rules for copies sent to `host` (a FQDN, as FlowRecord.destination.service). */
  rulesFor(host: string): CompareRules;
  /** How long after its primary arrived a copy is still awaited, in ms. */
  copyWaitMs(): number;
}

/** Default wait beyond the mirror timeout for a copy's record to arrive (proxies send once a second). */
export const DEFAULT_COPY_GRACE_MS = 10_000;

/** Fixed settings: no ignore rules, a fixed wait. */
export function fixedFlowSettings(copyWaitMs = 5_000 + DEFAULT_COPY_GRACE_MS): FlowSettings {
  return { rulesFor: () => NO_RULES, copyWaitMs: () => copyWaitMs };
}

interface Built {
  revision: number;
  /** Exact hosts. */
  rules: Map<string, CompareRules>;
  /** Wildcard hosts (`*.example.com`), most specific first. */
  wildcards: { pattern: string; rules: CompareRules }[];
  /** Resolved hosts, cached (bounded: cleared when full). */
  lookups: Map<string, CompareRules>;
  waitMs: number;
}

const MAX_LOOKUPS = 10_000;

/** The store-backed settings, cached per config revision. */
export class ShadowSettingsSource implements FlowSettings {
  #built: Built | null = null;

  constructor(
    private readonly store: { readonly headRevision: number; list(): MeshResource[] },
    private readonly graceMs = DEFAULT_COPY_GRACE_MS,
  ) {}

  rulesFor(host: string): CompareRules {
    const built = this.#current();
    const h = host.toLowerCase();
    let rules = built.rules.get(h) ?? built.lookups.get(h);
    if (rules === undefined) {
      rules = built.wildcards.find((w) => hostMatches(w.pattern, h))?.rules ?? NO_RULES;
      if (built.lookups.size >= MAX_LOOKUPS) built.lookups.clear();
      built.lookups.set(h, rules);
    }
    return rules;
  }

  copyWaitMs(): number {
    return this.#current().waitMs;
  }

  #current(): Built {
    const revision = this.store.headRevision;
    if (this.#built === null || this.#built.revision !== revision) {
      this.#built = { revision, ...build(this.store.list(), this.graceMs) };
    }
    return this.#built;
  }
}

function build(resources: readonly MeshResource[], graceMs: number): Omit<Built, 'revision'> {
  const meshConfig = resources.find(
    (r): r is MeshConfig =>
      r.kind === 'MeshConfig' &&
      r.metadata.name === MESH_CONFIG_NAME &&
      (r.metadata.namespace ?? MESH_CONFIG_NAMESPACE) === MESH_CONFIG_NAMESPACE,
  );
  const mesh = resolveMeshConfig(meshConfig?.spec);
  let longest = durationMs(mesh.mirror.timeout);
  const rules = new Map<string, CompareRules>();
  const wildcards: Built['wildcards'] = [];
  for (const r of resources) {
    if (r.kind !== 'ShadowPolicy') continue;
    const policy = r as ShadowPolicy;
    const effective = applyShadowPolicy(mesh, policy.spec);
    longest = Math.max(longest, durationMs(effective.mirror.timeout));
    const host = resolveHost(policy.spec.host, policy.metadata.namespace ?? 'default');
    const hostRules: CompareRules = {
      ignoreHeaders: effective.divergence.ignoreHeaders.map((h) => h.toLowerCase()),
      ignoreJsonPaths: effective.divergence.ignoreJsonPaths.filter(isValidJsonPath),
    };
    if (host.startsWith('*')) wildcards.push({ pattern: host, rules: hostRules });
    else if (!rules.has(host)) rules.set(host, hostRules); // The first policy of a host wins.
  }
  wildcards.sort((a, b) => b.pattern.length - a.pattern.length);
  return { rules, wildcards, lookups: new Map(), waitMs: longest + graceMs };
}

/** A JSON path the comparison understands (the others are left out rather than fail every comparison). */
function isValidJsonPath(path: string): boolean {
  try {
    compileCompareRules({ ignoreHeaders: [], ignoreJsonPaths: [path] });
    return true;
  } catch {
    return false;
  }
}

function durationMs(text: string): number {
  try {
    return parseDuration(text);
  } catch {
    return 5_000;
  }
}
