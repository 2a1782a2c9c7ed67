import type { IgnoredBecause } from '@shadowmesh/api';

/** Why a difference is not divergence, as the detail view says it. */
export const IGNORED_TEXT: Record<IgnoredBecause, string> = {
  volatile: 'volatile: differs between primaries too',
  rule: 'ignored by rule',
  'shadow-host': 'only the -shadow host suffix',
};
