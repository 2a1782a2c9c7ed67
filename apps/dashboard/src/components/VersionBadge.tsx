import { useQuery } from '@tanstack/react-query';
import { versionQuery } from '../api/queries';
import { ErrorNotice } from './ErrorNotice';

export function VersionBadge() {
  const { data, error, isPending } = useQuery(versionQuery());
  if (error) return <ErrorNotice error={error} compact />;
  return (
    <span className="version-badge" data-testid="version">
      {isPending ? '…' : `v${data?.version}`}
    </span>
  );
}
