import { type DemoServerOptions, resolveDemoOptions } from './demo-options.js';
import { type RunningDemoServer, startDemoServer } from './demo-server.js';

/** Options of the istioapp tutorial workload (`wandpsilva/istioapp`). */
export type IstioappOptions = DemoServerOptions;

/** The one path the istioapp tutorial calls. */
export const ISTIOAPP_PING_PATH = '/v1/istioapp/hello-word/ping';

/** Starts istioapp: `GET /v1/istioapp/hello-word/ping` answers `PONG`; other paths 404 JSON. */
export function startIstioapp(options: IstioappOptions): Promise<RunningDemoServer> {
  const resolved = resolveDemoOptions(options);
  return startDemoServer(
    {
      handler: ({ method, path }) => {
        if (path !== ISTIOAPP_PING_PATH) return { status: 404, json: { error: 'not found', path } };
        if (method !== 'GET' && method !== 'HEAD') {
          return {
            status: 405,
            headers: { allow: 'GET, HEAD' },
            json: { error: 'method not allowed', method, path },
          };
        }
        return { status: 200, text: 'PONG' };
      },
    },
    resolved,
  );
}
