import { PageHeading } from '../components/PageHeading';

export function ServicesPage() {
  return <PageHeading title="Services">Every service in the mesh, with its routes, weights and mirrors.</PageHeading>;
}
