// The traffic editor's state as a pure reducer: the server's object (VirtualService or Gateway API HTTPRoute)
// the edit started from, the edited copy (the whole object, so everything the editor does not touch is
// kept), and the row locks. Actions address the editor's routes; trafficObject.ts maps them onto the object.
import type { Destination, HTTPRoute } from '@shadowmesh/api';
import { rebase } from '../resources/rebase';
import { type MirrorEntry, readMirrors, withMirrors } from './routeMirrors';
import { effectiveWeights, withDestination, withoutDestination, withWeights } from './routeWeights';
import { editorRoutes, type TrafficObject, withEditorRoute } from './trafficObject';
import { evenWeights, redistributeWeights } from './weights';

export interface TrafficEditorState<T extends TrafficObject = TrafficObject> {
  /** The server's object this edit is based on (its resourceVersion is the PATCH precondition). */
  base: T;
  edited: T;
  /** Locked weight rows, by `lockKey`. */
  locks: Readonly<Record<string, true>>;
  /** Set after "reapply on top" of a newer server object: what needs a second look. */
  rebased: { overlapping: string[]; dropped: string[] } | null;
}

export type TrafficAction<T extends TrafficObject = TrafficObject> =
  | { type: 'setWeight'; route: number; destination: number; value: number }
  | { type: 'evenly'; route: number }
  | { type: 'toggleLock'; route: number; destination: number }
  | { type: 'addDestination'; route: number; destination: Destination }
  | { type: 'removeDestination'; route: number; destination: number }
  | { type: 'setMirrorPercentage'; route: number; mirror: number; value: number }
  | { type: 'setMirrorTarget'; route: number; mirror: number; destination: Destination }
  | { type: 'addMirror'; route: number; mirror: MirrorEntry }
  | { type: 'removeMirror'; route: number; mirror: number }
  /** Discard the edits and start again from this server object. */
  | { type: 'reset'; base: T }
  /** Keep the edits, replayed on top of this newer server object (after a 409). */
  | { type: 'rebase'; theirs: T };

export function initialTrafficState<T extends TrafficObject>(base: T): TrafficEditorState<T> {
  return { base, edited: structuredClone(base), locks: {}, rebased: null };
}

/** Identifies a weight row across edits: route index plus destination host/subset. */
export function lockKey(route: number, destination: Destination): string {
  return `${route}|${destination.host}|${destination.subset ?? ''}`;
}

export function routeLocks(state: TrafficEditorState, route: number): boolean[] {
  const destinations = editorRoutes(state.edited)[route]?.route ?? [];
  return destinations.map((d) => state.locks[lockKey(route, d.destination)] === true);
}

export function trafficReducer<T extends TrafficObject>(
  state: TrafficEditorState<T>,
  action: TrafficAction<T>,
): TrafficEditorState<T> {
  switch (action.type) {
    case 'reset':
      return initialTrafficState(action.base);
    case 'rebase': {
      const { merged, overlapping, dropped } = rebase(state.base, state.edited, action.theirs);
      return { base: action.theirs, edited: merged, locks: state.locks, rebased: { overlapping, dropped } };
    }
    case 'toggleLock': {
      const d = editorRoutes(state.edited)[action.route]?.route?.[action.destination];
      if (!d) return state;
      const key = lockKey(action.route, d.destination);
      const { [key]: wasLocked, ...others } = state.locks;
      return { ...state, locks: wasLocked ? others : { ...others, [key]: true } };
    }
    default:
      return editRoute(state, action.route, (route) => editOne(state, route, action));
  }
}

type RouteAction = Exclude<TrafficAction, { type: 'reset' | 'rebase' | 'toggleLock' }>;

function editOne(state: TrafficEditorState, route: HTTPRoute, action: RouteAction): HTTPRoute {
  switch (action.type) {
    case 'setWeight':
      return withWeights(
        route,
        redistributeWeights(
          effectiveWeights(route),
          routeLocks(state, action.route),
          action.destination,
          action.value,
        ),
      );
    case 'evenly':
      return withWeights(route, evenWeights(effectiveWeights(route), routeLocks(state, action.route)));
    case 'addDestination':
      return withDestination(route, action.destination);
    case 'removeDestination':
      return withoutDestination(route, action.destination);
    case 'setMirrorPercentage':
      return editMirror(route, action.mirror, (m) => ({ ...m, percentage: action.value }));
    case 'setMirrorTarget':
      return editMirror(route, action.mirror, (m) => ({ ...m, destination: { ...action.destination } }));
    case 'addMirror':
      return withMirrors(route, [...readMirrors(route), action.mirror]);
    case 'removeMirror':
      return withMirrors(
        route,
        readMirrors(route).filter((_, i) => i !== action.mirror),
      );
  }
}

function editMirror(route: HTTPRoute, index: number, edit: (m: MirrorEntry) => MirrorEntry): HTTPRoute {
  const mirrors = readMirrors(route);
  const target = mirrors[index];
  if (!target) return route;
  return withMirrors(
    route,
    mirrors.map((m, i) => (i === index ? edit(target) : m)),
  );
}

function editRoute<T extends TrafficObject>(
  state: TrafficEditorState<T>,
  index: number,
  edit: (route: HTTPRoute) => HTTPRoute,
): TrafficEditorState<T> {
  const route = editorRoutes(state.edited)[index];
  if (!route) return state;
  const next = edit(route);
  if (next === route) return state;
  const edited = withEditorRoute(state.edited, index, next);
  return edited === state.edited ? state : { ...state, edited };
}
