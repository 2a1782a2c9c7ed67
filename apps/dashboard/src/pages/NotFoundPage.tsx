import { PageHeading } from '../components/PageHeading';

export function NotFoundPage() {
  return <PageHeading title="Not found">There is no page at this address.</PageHeading>;
}
