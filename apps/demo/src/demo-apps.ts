import type { RunningDemoServer } from './demo-server.js';
import { invalidOption } from './errors.js';
import { startHelloMirroring } from './hello-mirroring.js';
import { type HttpbinOptions, startHttpbin } from './httpbin.js';
import { startIstioapp } from './istioapp.js';

/** Every demo workload that can run on its own (`shadowmesh app <name>`). */
export const DEMO_APP_NAMES = ['httpbin', 'istioapp', 'hello-mirroring'] as const;
export type DemoAppName = (typeof DEMO_APP_NAMES)[number];

/**
 * Starts the named workload. httpbin takes every option; the text-answering tutorial apps refuse
 * the JSON-only ones (`divergeField`, `echoHostHeader`) rather than ignore them.
 */
export function startDemoApp(name: DemoAppName, options: HttpbinOptions): Promise<RunningDemoServer> {
  if (name === 'httpbin') return startHttpbin(options);
  const { divergeField, echoHostHeader, ...common } = options;
  if (divergeField !== undefined) {
    return Promise.reject(invalidOption('divergeField', `applies only to httpbin (${name} answers text)`));
  }
  if (echoHostHeader !== undefined) {
    return Promise.reject(invalidOption('echoHostHeader', `applies only to httpbin (${name} answers text)`));
  }
  if (name === 'istioapp') return startIstioapp(common);
  if (name === 'hello-mirroring') return startHelloMirroring(common);
  return Promise.reject(
    invalidOption('name', `must be one of ${DEMO_APP_NAMES.join(', ')}, got "${String(name)}"`),
  );
}
