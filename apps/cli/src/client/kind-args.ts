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
  const info = findKind(name);
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
