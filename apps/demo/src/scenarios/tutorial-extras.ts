// Workloads the istioapp tutorial runs but does not print (its Deployments and a client to curl from).

const istioappDeployment = (version: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: istioapp-${version}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: istioapp
      version: ${version}
  template:
    metadata:
      labels:
        app: istioapp
        version: ${version}
    spec:
      containers:
      - name: istioapp
        image: wandpsilva/istioapp:latest
        ports:
        - containerPort: 8080
`;

/** A client like the tutorials' `sleep` (curlimages/curl: a sidecar and nothing else). */
export const SLEEP_CLIENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: sleep
spec:
  replicas: 1
  selector:
    matchLabels:
      app: sleep
  template:
    metadata:
      labels:
        app: sleep
    spec:
      containers:
      - name: sleep
        image: curlimages/curl
        command: ["/bin/sleep", "3650d"]
`;

/** istioapp v1 and v2 (`wandpsilva/istioapp`) and a `sleep` client. */
export const ISTIOAPP_WORKLOADS = [istioappDeployment('v1'), istioappDeployment('v2'), SLEEP_CLIENT].join(
  '---\n',
);

/** The documents of `yaml` (split on `---` lines) whose `kind:` is `kind`, joined again. */
export function documentsOfKind(yaml: string, kind: string): string {
  return yaml
    .split(/^---\s*$/m)
    .filter((doc) => new RegExp(`^kind:\\s*${kind}\\s*$`, 'm').test(doc))
    .map((doc) => doc.replace(/^\n+/, ''))
    .join('---\n');
}
