import { PageHeading } from '../components/PageHeading';

export function ConfigPage() {
  return <PageHeading title="Config">VirtualServices, DestinationRules, Gateways and the rest, with validation status and history.</PageHeading>;
}
