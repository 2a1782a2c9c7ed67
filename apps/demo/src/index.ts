export type { AccessLogEntry } from './access-log.js';
export { AccessLog } from './access-log.js';
export type { DemoAppName, DemoAppOptions } from './demo-apps.js';
export { DEMO_APP_NAMES, startDemoApp } from './demo-apps.js';
export type { DemoImageWorkload } from './demo-images.js';
export { DEMO_IMAGES, demoWorkloadForImage, imageRepository } from './demo-images.js';
export type { DemoLogLevel } from './demo-logger.js';
export { createDemoLogger, DEMO_LOG_LEVELS } from './demo-logger.js';
export type { DemoServerOptions, ListenAddress } from './demo-options.js';
export { parseErrorRate, parseLatencyMs, parseListen, parseVersion } from './demo-options.js';
export type { RunningDemoServer } from './demo-server.js';
export type { DemoErrorCode } from './errors.js';
export { DEMO_ERRORS, DemoError } from './errors.js';
export type { HelloMirroringOptions } from './hello-mirroring.js';
export { startHelloMirroring } from './hello-mirroring.js';
export type { HttpbinOptions } from './httpbin.js';
export { startHttpbin } from './httpbin.js';
export type { IstioappOptions } from './istioapp.js';
export { ISTIOAPP_PING_PATH, startIstioapp } from './istioapp.js';
export type { JsonDivergence } from './json-divergence.js';
export { parseDivergeField } from './json-divergence.js';
export type { LoadControlServer } from './load-control.js';
export type { LoadGenerator, LoadGeneratorOptions, LoadStats } from './load-generator.js';
export { MAX_RATE, parseRate, startLoadGenerator } from './load-generator.js';
export type { MusicBackProfile, MusicServiceOptions } from './music-back.js';
export { MUSIC_BACK_PROFILES, startMusicBack } from './music-back.js';
export { startMusicFront } from './music-front.js';
export type { MusicStoreOptions, Song } from './music-store.js';
export { MUSIC_CATALOGUE, startMusicStore } from './music-store.js';
export type { PathWeight } from './path-mix.js';
export { parsePathMix } from './path-mix.js';
export type { DemoScenario, DemoScenarioName, ScenarioLoad } from './scenarios/demo-scenarios.js';
export { DEMO_SCENARIO_NAMES, DEMO_SCENARIOS } from './scenarios/demo-scenarios.js';
export {
  MUSIC_CANARY_WITH_MIRROR,
  MUSIC_SHADOW_POLICY,
  MUSIC_WORKLOADS,
} from './scenarios/music-manifests.js';
export { ISTIOAPP_WORKLOADS, SLEEP_CLIENT } from './scenarios/tutorial-extras.js';
export type { TutorialFile } from './scenarios/tutorial-manifests.js';
export { TUTORIAL_FILES, tutorialManifest, tutorialsDir } from './scenarios/tutorial-manifests.js';
export { seededRandom } from './seeded-random.js';
export type { UpstreamClient, UpstreamClientOptions } from './upstream-client.js';
export { createUpstreamClient, TRACE_HEADERS } from './upstream-client.js';
