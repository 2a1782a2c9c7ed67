// The Music app's workloads for `shadowmesh run` and `shadowmesh demo music`: the tutorial shows only its
// Istio config, so the Deployments, Services and the `back` DestinationRule (subsets v1, v2, v3, which the
// tutorial's text leaves out) are written here.

const deployment = (app: string, version: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}-${version}
  namespace: music
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${app}
      version: ${version}
  template:
    metadata:
      labels:
        app: ${app}
        version: ${version}
    spec:
      containers:
      - name: ${app}
        image: shadowmesh/music-${app}:latest
        ports:
        - containerPort: 8080
`;

const service = (app: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${app}
  namespace: music
  labels:
    app: ${app}
spec:
  ports:
  - name: http
    port: 80
    targetPort: 8080
  selector:
    app: ${app}
`;

/** Deployments (front v1, back v1/v2/v3, store v1), their Services, and the `back` DestinationRule. */
export const MUSIC_WORKLOADS = [
  deployment('front', 'v1'),
  deployment('back', 'v1'),
  deployment('back', 'v2'),
  deployment('back', 'v3'),
  deployment('store', 'v1'),
  service('front'),
  service('back'),
  service('store'),
  `apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata:
  name: back-destinationrule
  namespace: music
spec:
  host: back
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
  - name: v3
    labels:
      version: v3
`,
].join('---\n');

/**
 * The demo's first view: the tutorial's canary (v1 90 %, v2 10 %) with every request also mirrored to v3.
 * Named as the tutorial's VirtualService, so applying music-canary/-mirror/-shift.yaml replaces it.
 */
export const MUSIC_CANARY_WITH_MIRROR = `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: back-virtualservice
  namespace: music
spec:
  hosts:
  - back
  http:
  - route:
    - destination:
        host: back
        subset: v1
      weight: 90
    - destination:
        host: back
        subset: v2
      weight: 10
    mirror:
      host: back
      subset: v3
    mirrorPercentage:
      value: 100.0
`;

/**
 * How the demo compares v3's copies with the primaries: half of the requests to `back` are captured with
 * their answers (at the demo's 10 req/s, a divergence shows within seconds), and `x-demo-version` is not
 * compared. That header names the version that answered, so it differs between any two versions by
 * construction: counted, it would make every pair divergent, v2 included (which answers byte for byte
 * as v1 does), and hide the one real difference, v3's `format.bitrate`. It is identity, not behaviour.
 */
export const MUSIC_SHADOW_POLICY = `apiVersion: shadowmesh.io/v1alpha1
kind: ShadowPolicy
metadata:
  name: back
  namespace: music
spec:
  host: back
  flowSampling: 0.5
  divergence:
    ignoreHeaders:
    - x-demo-version
`;
