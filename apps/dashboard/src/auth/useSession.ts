import { useQuery } from '@tanstack/react-query';
import { sessionQuery } from '../api/queries';

/** Who the browser is (signed in or not) and what it may do. */
export function useSession() {
  return useQuery(sessionQuery());
}

/** True when this browser may change config (signed in, or auth is off). */
export function useCanWrite(): boolean {
  return useSession().data?.canWrite ?? false;
}
