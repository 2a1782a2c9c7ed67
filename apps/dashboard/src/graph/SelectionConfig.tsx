import { Link } from 'react-router';
import { configObjectPath } from '../services/servicePath';
import { useServiceIndex } from '../services/useServiceIndex';
import type { ServiceRef } from './selection';

/** The routing config of the selection's service: its VirtualServices, HTTPRoutes and DestinationRules. */
export function SelectionConfig({ service }: { service: ServiceRef }) {
  const { services, isPending } = useServiceIndex();
  if (isPending) return null;
  const summary = services.find((s) => s.namespace === service.namespace && s.name === service.name);
  const rules = [
    ...(summary?.virtualServices ?? []).map((vs) => ({
      plural: 'virtualservices',
      kind: 'VirtualService',
      object: vs,
    })),
    ...(summary?.httpRoutes ?? []).map((route) => ({
      plural: 'httproutes',
      kind: 'HTTPRoute',
      object: route,
    })),
    ...(summary?.destinationRules ?? []).map((dr) => ({
      plural: 'destinationrules',
      kind: 'DestinationRule',
      object: dr,
    })),
  ];
  return (
    <section aria-label="Config">
      <h3>Config</h3>
      {rules.length === 0 ? (
        <p className="muted small">No VirtualService, HTTPRoute or DestinationRule names {service.name}.</p>
      ) : (
        <ul className="plain-list">
          {rules.map(({ plural, kind, object }) => {
            const namespace = object.metadata.namespace ?? 'default';
            return (
              <li key={`${plural}/${namespace}/${object.metadata.name}`}>
                {kind}{' '}
                <Link to={configObjectPath(plural, namespace, object.metadata.name)}>
                  {object.metadata.name}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
