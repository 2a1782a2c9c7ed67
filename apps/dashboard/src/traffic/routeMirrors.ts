// Reading and writing the mirrors of one HTTP route: `mirror` + `mirrorPercentage` (one target) or
// `mirrors[]` (several), as Istio defines them. An absent percentage means 100 %.
import type { Destination, HTTPRoute } from '@shadowmesh/api';
import { jsonEqual, replaceKeys } from '../resources/jsonValue';

export interface MirrorEntry {
  destination: Destination;
  /** 0..100 as edited; values outside are kept so the server can say what is wrong with them. */
  percentage: number;
}

/** Istio's Percent resolution: 0.0001. */
const RESOLUTION = 10_000;

export function roundPercentage(value: number): number {
  return Math.round(value * RESOLUTION) / RESOLUTION;
}

/** The route's mirrors, whichever way they are written. */
export function readMirrors(route: HTTPRoute): MirrorEntry[] {
  if (route.mirrors) {
    return route.mirrors.map((m) => ({
      destination: m.destination,
      percentage: m.percentage ? (m.percentage.value ?? 0) : 100,
    }));
  }
  if (!route.mirror) return [];
  const percentage =
    route.mirrorPercentage !== undefined ? (route.mirrorPercentage.value ?? 0) : (route.mirrorPercent ?? 100);
  return [{ destination: route.mirror, percentage }];
}

/**
 * The route with these mirrors. Nothing is rewritten when the mirrors are unchanged. Otherwise one mirror
 * is written as `mirror` + `mirrorPercentage` (or as a one-entry `mirrors` when the route already used
 * that form), several as `mirrors[]`; the deprecated `mirrorPercent` is replaced by `mirrorPercentage`.
 */
export function withMirrors(route: HTTPRoute, mirrors: readonly MirrorEntry[]): HTTPRoute {
  const normalized = mirrors.map((m) => ({
    destination: m.destination,
    percentage: roundPercentage(m.percentage),
  }));
  if (jsonEqual(readMirrors(route), normalized)) return route;
  const cleared = {
    mirror: undefined,
    mirrors: undefined,
    mirrorPercentage: undefined,
    mirrorPercent: undefined,
  };
  const [only] = normalized;
  if (!only) return replaceKeys(route, cleared);
  if (normalized.length === 1 && !route.mirrors) {
    return replaceKeys(route, {
      ...cleared,
      mirror: only.destination,
      mirrorPercentage: { value: only.percentage },
    });
  }
  const list = normalized.map((m) => ({ destination: m.destination, percentage: { value: m.percentage } }));
  return replaceKeys(route, { ...cleared, mirrors: list });
}

/** `httpbin v2`: how a mirror target is named in labels ("Mirror percentage to httpbin v2"). */
export function destinationLabel(destination: Destination): string {
  return destination.subset ? `${destination.host} ${destination.subset}` : destination.host;
}
