import { type DemoServerOptions, resolveDemoOptions } from './demo-options.js';
import { type RunningDemoServer, startDemoServer } from './demo-server.js';

/** Options of the Hello Mirroring tutorial workload (`pmusale/istiomirroring`). */
export type HelloMirroringOptions = DemoServerOptions;

/** Starts Hello Mirroring: `GET /mirroring` answers `Hello Mirroring <version>`; other paths 404 JSON. */
export function startHelloMirroring(options: HelloMirroringOptions): Promise<RunningDemoServer> {
  const resolved = resolveDemoOptions(options);
  const greeting = `Hello Mirroring ${resolved.version}`;
  return startDemoServer(
    {
      handler: ({ method, path }) => {
        if (path !== '/mirroring') return { status: 404, json: { error: 'not found', path } };
        if (method !== 'GET' && method !== 'HEAD') {
          return {
            status: 405,
            headers: { allow: 'GET, HEAD' },
            json: { error: 'method not allowed', method, path },
          };
        }
        return { status: 200, text: greeting };
      },
    },
    resolved,
  );
}
