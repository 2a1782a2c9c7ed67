import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './ApiError';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // 4xx answers will not change on retry; network errors and 5xx might.
        retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 3,
        refetchOnWindowFocus: false,
      },
    },
  });
}
