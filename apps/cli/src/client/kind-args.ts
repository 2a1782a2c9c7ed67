// Resolves what users type for a kind (`vs`, `virtualservices`, `VirtualService`, `vs,dr`, `all`, `vs/httpbin`).
import { findKind, KINDS, type KindInfo } from '@shadowmesh/api';
import { CliError } from './cli-error.js';

export interface KindSelection {
  kinds: KindInfo[];
  /** Names from `kind/name` forms. */
  names: string[];
  /** More than one kind was asked for (tables then name objects `kind.group/name`). */
  multiple: boolean;
}

/** Resolves one kind name; throws a CliError listing the known names when it is not one. */
export function resolveKind(name: string): KindInfo {
  const info = findKind(name) ?? findQualifiedKind(name);
  if (!info) {
    const known = KINDS.map((k) => `${k.plural} (${[k.singular, ...k.shortNames].join(', ')})`).join('; ');
    throw new CliError(`the server doesn't have a resource type "${name}"; known types: ${known}`);
  }
  return info;
}

/** `vs`, `vs,dr`, `all`, or `vs/httpbin`. */
export function resolveKindArg(arg: string): KindSelection {
  const slash = arg.indexOf('/');
  if (slash >= 0) {
    const name = arg.slice(slash + 1);
    if (!name) throw new CliError(`a name is required after "/" in "${arg}"`);
    return { kinds: [resolveKind(arg.slice(0, slash))], names: [name], multiple: false };
  }
  if (arg.trim().toLowerCase() === 'all') return { kinds: [...KINDS], names: [], multiple: true };
  const kinds: KindInfo[] = [];
  for (const part of arg.split(',')) {
    const info = resolveKind(part);
    if (!kinds.includes(info)) kinds.push(info);
  }
  return { kinds, names: [], multiple: kinds.length > 1 };
}

/** The `resource` part of `resource.group` (`gateways` of `gateways.gateway.networking.k8s.io`). */
function unqualified(word: string, group: string): string {
  return group && word.endsWith(`.${group}`) ? word.slice(0, -group.length - 1) : word;
}

/** The kind of kubectl's group-qualified forms: `virtualservices.networking.istio.io`, `Gateway.gateway.networking.k8s.io`. */
function findQualifiedKind(name: string): KindInfo | undefined {
  const n = name.trim().toLowerCase();
  return KINDS.find((k) => {
    if (!k.group || !n.endsWith(`.${k.group}`)) return false;
    const resource = n.slice(0, -k.group.length - 1);
    const words = [unqualified(k.plural, k.group), unqualified(k.singular, k.group), k.kind, k.manifestKind];
    return words.some((w) => w.toLowerCase() === resource);
  });
}
