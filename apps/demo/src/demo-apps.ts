import type { RunningDemoServer } from './demo-server.js';
import { invalidOption } from './errors.js';
import { startHelloMirroring } from './hello-mirroring.js';
import { type HttpbinOptions, startHttpbin } from './httpbin.js';
import { startIstioapp } from './istioapp.js';
import { type MusicServiceOptions, startMusicBack } from './music-back.js';
import { startMusicFront } from './music-front.js';
import { startMusicStore } from './music-store.js';

/** Every demo workload that can run on its own (`shadowmesh app <name>`). */
export const DEMO_APP_NAMES = [
  'httpbin',
  'istioapp',
  'hello-mirroring',
  'music-front',
  'music-back',
  'music-store',
] as const;
export type DemoAppName = (typeof DEMO_APP_NAMES)[number];

/** Every option any workload takes; each workload refuses the ones it has no use for. */
export type DemoAppOptions = HttpbinOptions & Pick<MusicServiceOptions, 'upstream' | 'proxy'>;

type OptionName = 'divergeField' | 'echoHostHeader' | 'upstream' | 'proxy';

/** Which of the workload-specific options each workload accepts. */
const ACCEPTS: Record<DemoAppName, readonly OptionName[]> = {
  httpbin: ['divergeField', 'echoHostHeader'],
  istioapp: [],
  'hello-mirroring': [],
  'music-front': ['divergeField', 'upstream', 'proxy'],
  'music-back': ['divergeField', 'upstream', 'proxy'],
  'music-store': [],
};

const WHY: Record<OptionName, string> = {
  divergeField: 'answers text',
  echoHostHeader: 'echoes no headers',
  upstream: 'calls no other service',
  proxy: 'calls no other service',
};

/**
 * Starts the named workload. Options a workload has no use for are refused rather than ignored
 * (`divergeField` for the text-answering tutorial apps, `upstream` for those that call nothing).
 */
export function startDemoApp(name: DemoAppName, options: DemoAppOptions): Promise<RunningDemoServer> {
  const accepts = ACCEPTS[name];
  if (accepts === undefined) {
    return Promise.reject(
      invalidOption('name', `must be one of ${DEMO_APP_NAMES.join(', ')}, got "${String(name)}"`),
    );
  }
  for (const option of ['divergeField', 'echoHostHeader', 'upstream', 'proxy'] as const) {
    if (options[option] !== undefined && !accepts.includes(option)) {
      const only = (Object.keys(ACCEPTS) as DemoAppName[]).filter((n) => ACCEPTS[n].includes(option));
      return Promise.reject(
        invalidOption(option, `applies only to ${only.join(', ')} (${name} ${WHY[option]})`),
      );
    }
  }
  const { upstream, proxy, divergeField, echoHostHeader, ...common } = options;
  switch (name) {
    case 'httpbin':
      return startHttpbin({ ...common, divergeField, echoHostHeader });
    case 'istioapp':
      return startIstioapp(common);
    case 'hello-mirroring':
      return startHelloMirroring(common);
    case 'music-front':
      return startMusicFront({ ...common, divergeField, upstream, proxy });
    case 'music-back':
      return startMusicBack({ ...common, divergeField, upstream, proxy });
    case 'music-store':
      return startMusicStore(common);
  }
}
