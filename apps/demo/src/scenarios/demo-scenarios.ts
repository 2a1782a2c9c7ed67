// The scenarios `shadowmesh demo` runs: manifests as `shadowmesh run -f` takes them (Deployments of demo
// images, Services, Istio config), whether an ingress gateway runs, and the load to send.
import { MUSIC_BACK_PROFILES } from '../music-back.js';
import { MUSIC_CANARY_WITH_MIRROR, MUSIC_SHADOW_POLICY, MUSIC_WORKLOADS } from './music-manifests.js';
import { documentsOfKind, ISTIOAPP_WORKLOADS } from './tutorial-extras.js';
import { tutorialManifest as t } from './tutorial-manifests.js';

export const DEMO_SCENARIO_NAMES = ['music', 'httpbin', 'istioapp', 'hello-mirroring'] as const;
export type DemoScenarioName = (typeof DEMO_SCENARIO_NAMES)[number];

/** Where the load generator sends: through the ingress gateway, or through one workload's sidecar. */
export type ScenarioLoad =
  | { via: 'gateway'; host: string; rate: number; paths: string }
  | { via: 'sidecar'; workload: string; namespace: string; target: string; rate: number; paths: string };

export interface DemoScenario {
  readonly name: DemoScenarioName;
  readonly title: string;
  /** Multi-document YAML: Deployments of demo images, Services, Istio config (read when asked for). */
  readonly manifests: string;
  /** Start an ingress gateway (`istio=ingressgateway`, namespace istio-system). */
  readonly gateway: boolean;
  readonly load: ScenarioLoad;
  /** What to look at once it runs, one line each. */
  readonly highlights: readonly string[];
}

const join = (...docs: string[]) => docs.map((d) => d.replace(/\n*$/, '\n')).join('---\n');

export const DEMO_SCENARIOS: Readonly<Record<DemoScenarioName, DemoScenario>> = Object.freeze({
  music: {
    name: 'music',
    title: 'the Music app: gateway → front → back (canary v1 90 % / v2 10 %, mirrored to v3) → store',
    get manifests() {
      return join(MUSIC_WORKLOADS, t('music-gateway.yaml'), MUSIC_CANARY_WITH_MIRROR, MUSIC_SHADOW_POLICY);
    },
    gateway: true,
    load: { via: 'gateway', host: 'music.example.com', rate: 10, paths: '/=6,/songs/1=2,/songs/4=1' },
    highlights: [
      'back: v1 90 %, v2 10 %, every request mirrored to v3',
      `back v3 ${MUSIC_BACK_PROFILES.v3!.summary}: see the divergence on the mirror edge and in Flows`,
      'watch each request beside its shadow: npx shadowmesh tap --service back',
      'next steps of the tutorial: shadowmesh apply -f tutorials/music-mirror.yaml, then music-shift.yaml',
    ],
  },
  httpbin: {
    name: 'httpbin',
    title: 'httpbin v1 with every request mirrored to v2 (Host: httpbin-shadow:8000)',
    get manifests() {
      return join(
        t('httpbin-workloads.yaml'),
        documentsOfKind(t('httpbin-route-v1.yaml'), 'DestinationRule'),
        t('httpbin-mirror.yaml'),
      );
    },
    gateway: false,
    load: {
      via: 'sidecar',
      workload: 'sleep',
      namespace: 'default',
      target: 'http://httpbin:8000',
      rate: 10,
      paths: '/headers=4,/get=3,/json=1',
    },
    highlights: [
      'sleep → httpbin v1; each request mirrored to v2',
      'shadowmesh logs httpbin-v2 shows Host: httpbin-shadow:8000',
    ],
  },
  istioapp: {
    name: 'istioapp',
    title: 'istioapp v1 answering PONG, mirrored to v2',
    get manifests() {
      return join(ISTIOAPP_WORKLOADS, t('istioapp-service.yaml'), t('istioapp-mirror.yaml'));
    },
    gateway: false,
    load: {
      via: 'sidecar',
      workload: 'sleep',
      namespace: 'default',
      target: 'http://istioapp-service:8080',
      rate: 10,
      paths: '/v1/istioapp/hello-word/ping',
    },
    highlights: ['sleep → istioapp v1 (PONG); both v1 and v2 log every ping'],
  },
  'hello-mirroring': {
    name: 'hello-mirroring',
    title: 'Hello Mirroring through the ingress gateway, v1 mirrored to v2',
    get manifests() {
      return join(t('hello-mirroring-workloads.yaml'), t('hello-mirroring-mirror.yaml'));
    },
    gateway: true,
    load: { via: 'gateway', host: 'hello.example.com', rate: 10, paths: '/mirroring' },
    highlights: [
      'gateway → istio-mirroring-app v1; a mirror without a percentage copies every request to v2',
    ],
  },
});
