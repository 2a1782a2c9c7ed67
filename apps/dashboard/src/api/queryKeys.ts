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
};
