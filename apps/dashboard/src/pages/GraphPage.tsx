import { PageHeading } from '../components/PageHeading';

export function GraphPage() {
  return (
    <PageHeading title="Graph">
      The live service graph: services, versions, primary and mirror edges with their rates.
    </PageHeading>
  );
}
