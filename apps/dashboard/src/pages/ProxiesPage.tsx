import { PageHeading } from '../components/PageHeading';

export function ProxiesPage() {
  return <PageHeading title="Proxies">Each sidecar and gateway, its config version and sync status.</PageHeading>;
}
