// Where in the traffic editor a server message belongs: the server names fields by path
// (`spec.http[0].mirrorPercentage.value`, or an HTTPRoute's `spec.rules[0].filters[2].requestMirror.percent`);
// the editor shows the message under the matching input.
import type { HTTPRouteRule } from '@shadowmesh/api';

import type { FieldMessage, MessageLevel } from '../resources/fieldMessages';
import { parseFieldPath } from '../resources/fieldPath';

export type EditorField =
  | { kind: 'weight'; route: number; destination: number }
  | { kind: 'destination'; route: number; destination: number }
  | { kind: 'mirrorPercentage'; route: number; mirror: number }
  | { kind: 'mirrorTarget'; route: number; mirror: number }
  | { kind: 'route'; route: number }
  | { kind: 'general' };

/** A stable string for an editor field (used as a map key and in element ids). */
export function fieldKey(field: EditorField): string {
  switch (field.kind) {
    case 'weight':
    case 'destination':
      return `${field.kind}-${field.route}-${field.destination}`;
    case 'mirrorPercentage':
    case 'mirrorTarget':
      return `${field.kind}-${field.route}-${field.mirror}`;
    case 'route':
      return `route-${field.route}`;
    case 'general':
      return 'general';
  }
}

/** The input a field path concerns (a single `mirror` is mirror 0 of its route). */
export function editorFieldOf(path: string | undefined): EditorField {
  const segments = path ? parseFieldPath(path) : null;
  if (segments?.[0] !== 'spec' || segments[1] !== 'http') return { kind: 'general' };
  const route = segments[2];
  if (typeof route !== 'number') return { kind: 'general' };
  const [field, index, leaf] = segments.slice(3);
  if (field === 'route' && typeof index === 'number') {
    return leaf === 'weight'
      ? { kind: 'weight', route, destination: index }
      : { kind: 'destination', route, destination: index };
  }
  if (field === 'mirrorPercentage' || field === 'mirrorPercent')
    return { kind: 'mirrorPercentage', route, mirror: 0 };
  if (field === 'mirror') return { kind: 'mirrorTarget', route, mirror: 0 };
  if (field === 'mirrors' && typeof index === 'number') {
    return leaf === 'percentage'
      ? { kind: 'mirrorPercentage', route, mirror: index }
      : { kind: 'mirrorTarget', route, mirror: index };
  }
  return { kind: 'route', route };
}

/**
 * The input a field path of a Gateway API HTTPRoute concerns: rule `i` is route `i`, backendRef `j` its
 * destination `j`, and the `k`-th RequestMirror filter of the rule (counted in `rules`) its mirror `k`.
 */
export function gatewayEditorFieldOf(
  path: string | undefined,
  rules: readonly HTTPRouteRule[] | undefined,
): EditorField {
  const segments = path ? parseFieldPath(path) : null;
  if (segments?.[0] !== 'spec' || segments[1] !== 'rules') return { kind: 'general' };
  const route = segments[2];
  if (typeof route !== 'number') return { kind: 'general' };
  const [field, index, leaf, inner] = segments.slice(3);
  if (field === 'backendRefs' && typeof index === 'number') {
    return leaf === 'weight'
      ? { kind: 'weight', route, destination: index }
      : { kind: 'destination', route, destination: index };
  }
  if (field === 'filters' && typeof index === 'number') {
    const filters = rules?.[route]?.filters ?? [];
    const filter = filters[index];
    if (filter?.type === 'RequestMirror' && filter.requestMirror && leaf === 'requestMirror') {
      const mirror = filters
        .slice(0, index)
        .filter((f) => f.type === 'RequestMirror' && f.requestMirror).length;
      return inner === 'percent' || inner === 'fraction'
        ? { kind: 'mirrorPercentage', route, mirror }
        : { kind: 'mirrorTarget', route, mirror };
    }
  }
  return { kind: 'route', route };
}

/** Messages grouped by the editor field they belong to (`fieldKey`), errors first. */
export function messagesByField(
  messages: readonly FieldMessage[],
  fieldOf: (path: string | undefined) => EditorField = editorFieldOf,
): Map<string, FieldMessage[]> {
  const order: Record<MessageLevel, number> = { error: 0, warning: 1, info: 2 };
  const groups = new Map<string, FieldMessage[]>();
  for (const message of [...messages].sort((a, b) => order[a.level] - order[b.level])) {
    const key = fieldKey(fieldOf(message.field));
    groups.set(key, [...(groups.get(key) ?? []), message]);
  }
  return groups;
}
