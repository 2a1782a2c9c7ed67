// Divergence of mirror copies (from compared flows) by who sent them and where they went, for the
// graph's mirror edges: an edge gets the sum over the mirror-edge summaries whose source workload and
// target service it carries and whose target subset its destination workload's labels select.
import type { MirrorDivergence } from '@shadowmesh/api';

type Labels = Readonly<Record<string, string>>;

export interface DivergenceEntry {
  /** The target subset's labels; null when the copies named no subset (or its labels are unknown). */
  readonly labels: Labels | null;
  readonly compared: number;
  readonly divergent: number;
}

export class DivergenceIndex {
  readonly #bySourceAndTarget = new Map<string, DivergenceEntry[]>();

  constructor(
    items: readonly MirrorDivergence[],
    subsetLabels: (host: string, subset: string) => Labels | undefined,
  ) {
    for (const d of items) {
      const key = keyOf(d.source.namespace, d.source.workload, d.target.service);
      const labels =
        d.target.subset === undefined ? null : (subsetLabels(d.target.service, d.target.subset) ?? null);
      const entry: DivergenceEntry = { labels, compared: d.compared, divergent: d.divergent };
      const list = this.#bySourceAndTarget.get(key);
      if (list) list.push(entry);
      else this.#bySourceAndTarget.set(key, [entry]);
    }
  }

  /**
   * Entries for copies sent by `sourceNamespace/sourceWorkload` to `targetHost` and received by a
   * workload with `destinationLabels` (null: unknown, every subset matches).
   */
  lookup(
    sourceNamespace: string,
    sourceWorkload: string,
    targetHost: string,
    destinationLabels: Labels | null,
  ): DivergenceEntry[] {
    const list = this.#bySourceAndTarget.get(keyOf(sourceNamespace, sourceWorkload, targetHost));
    if (list === undefined) return [];
    if (destinationLabels === null) return list;
    return list.filter((e) => e.labels === null || covers(destinationLabels, e.labels));
  }
}

/** `{compared, divergent, ratio}` over distinct entries. */
export function sumDivergence(entries: Iterable<DivergenceEntry>): {
  compared: number;
  divergent: number;
  ratio: number;
} {
  let compared = 0;
  let divergent = 0;
  for (const e of entries) {
    compared += e.compared;
    divergent += e.divergent;
  }
  return { compared, divergent, ratio: compared > 0 ? Math.round((divergent / compared) * 1e6) / 1e6 : 0 };
}

function keyOf(namespace: string, workload: string, host: string): string {
  return `${namespace}\u0001${workload}\u0001${host}`;
}

function covers(labels: Labels, required: Labels): boolean {
  for (const [k, v] of Object.entries(required)) if (labels[k] !== v) return false;
  return true;
}
