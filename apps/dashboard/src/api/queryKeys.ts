// Every query key in one place, so mutations invalidate by prefix (TanStack's key-factory pattern).

export const queryKeys = {
  version: ['version'] as const,
  session: ['session'] as const,
  /** Prefix of every resource list and object. */
  resources: ['resources'] as const,
  resourceList: (plural: string, namespace?: string) =>
    ['resources', plural, 'list', namespace ?? '*'] as const,
  resource: (plural: string, namespace: string, name: string) =>
    ['resources', plural, 'item', namespace, name] as const,
  /** Prefix of every analysis (stored state and previews). */
  analyze: ['analyze'] as const,
  analyzeStored: ['analyze', 'stored'] as const,
  analyzeDraft: (text: string) => ['analyze', 'draft', text] as const,
  /** Prefix of every history query. */
  history: ['history'] as const,
  historyOf: (kind: string, namespace: string, name: string) => ['history', kind, namespace, name] as const,
  proxyStatus: ['proxy-status'] as const,
  /** Prefix of every graph view. */
  graph: ['graph'] as const,
  /** One graph view; the live stream writes snapshots and deltas here (namespaces sorted). */
  graphView: (graphType: string, namespaces: readonly string[], durationSeconds: number) =>
    ['graph', graphType, [...namespaces].sort().join(','), durationSeconds] as const,
  /** The time series of one node or edge. */
  metrics: (target: 'node' | 'edge', id: string, durationSeconds: number) =>
    ['metrics', target, id, durationSeconds] as const,
  /** Prefix of every flows query (lists, one exchange, divergence). */
  flows: ['flows'] as const,
  /** A list of flows with one filter (its stable text, see flowFilter.ts). */
  flowList: (filterKey: string) => ['flows', 'list', filterKey] as const,
  /** One exchange by request id. */
  flow: (id: string) => ['flows', 'item', id] as const,
  /** Divergence of the mirror edges of one service (or all: `*`). */
  divergence: (namespace?: string, service?: string) =>
    ['flows', 'divergence', namespace ?? '*', service ?? '*'] as const,
};
