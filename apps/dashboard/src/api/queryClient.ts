import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isUnauthorized } from './ApiError';
import { queryKeys } from './queryKeys';

export function createQueryClient(): QueryClient {
  // A 401 anywhere means the session is gone (or never was): re-ask who we are, so the UI shows
  // how to sign in instead of an error.
  const onError = (error: unknown) => {
    if (isUnauthorized(error)) void client.invalidateQueries({ queryKey: queryKeys.session });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        // 4xx answers will not change on retry; network errors and 5xx might.
        retry: (failures, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 3,
        refetchOnWindowFocus: false,
      },
    },
  });
  return client;
}
