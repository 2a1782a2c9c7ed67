import type { MeshResource } from '@shadowmesh/api';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { analyzeDraftQuery } from '../api/queries';
import { errorMessages, type FieldMessage, findingMessages, type ObjectIdentity } from './fieldMessages';
import { useDebouncedValue } from './useDebouncedValue';
import { withoutServerFields } from './yamlText';

export interface DraftAnalysis {
  /** Validation errors (would refuse the write) and findings about this object. */
  messages: FieldMessage[];
  checking: boolean;
  error: unknown;
}

/**
 * The server's verdict on a draft, as if it were applied over the stored config (`POST /api/v1/analyze`,
 * a dry run that stores nothing). `draft` is an object or YAML text; re-checked once it settles.
 */
export function useDraftAnalysis(
  draft: MeshResource | string | null,
  identity: ObjectIdentity,
): DraftAnalysis {
  const text =
    draft === null ? '' : typeof draft === 'string' ? draft : JSON.stringify(withoutServerFields(draft));
  const settled = useDebouncedValue(text, 250);
  const query = useQuery({ ...analyzeDraftQuery(settled), placeholderData: keepPreviousData });
  const data = query.data;
  const messages = data ? [...errorMessages(data.errors), ...findingMessages(data.findings, identity)] : [];
  return { messages, checking: query.isFetching || settled !== text, error: query.error };
}
