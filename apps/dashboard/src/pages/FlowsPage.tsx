import { PageHeading } from '../components/PageHeading';

export function FlowsPage() {
  return (
    <PageHeading title="Flows">Individual requests, the primary answer beside the shadow answer.</PageHeading>
  );
}
