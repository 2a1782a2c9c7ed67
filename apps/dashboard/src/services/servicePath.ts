/** The page of one service: `/namespaces/{namespace}/services/{name}`. */
export function servicePath(namespace: string, name: string): string {
  return `/namespaces/${encodeURIComponent(namespace)}/services/${encodeURIComponent(name)}`;
}

/** The config page of one object: `/config/{plural}/{namespace}/{name}`. */
export function configObjectPath(plural: string, namespace: string, name: string): string {
  return `/config/${encodeURIComponent(plural)}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}
