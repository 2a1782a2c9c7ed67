// Starts a Shadowmesh sidecar standalone (--config) routing host `upstream.bench` to the upstream,
// optionally mirroring 100% to `mirror.bench`. Started from the compiled CLI, as users run it.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitForPort } from './nginx.mjs';

const serviceEntry = (name, port) => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: ${name} }
spec:
  hosts: [${name}.bench]
  ports: [{ number: 80, name: http, protocol: HTTP }]
  resolution: STATIC
  location: MESH_EXTERNAL
  endpoints: [{ address: 127.0.0.1, ports: { http: ${port} } }]
`;

export function meshConfigYaml({ upstreamPort, mirrorPort }) {
  const docs = [serviceEntry('upstream', upstreamPort)];
  if (mirrorPort) {
    docs.push(serviceEntry('mirror', mirrorPort));
    docs.push(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: upstream }
spec:
  hosts: [upstream.bench]
  http:
  - route: [{ destination: { host: upstream.bench } }]
    mirror: { host: mirror.bench }
    mirrorPercentage: { value: 100 }
`);
  }
  return docs.join('---\n');
}

/**
 * `controlPlane`: the URL of a control plane to connect to (which must hold the config already) instead of
 * standalone `--config` mode; the sidecar then sends telemetry deltas and sampled flows to it every second.
 */
export async function startSidecar(
  dir,
  cli,
  { outboundPort, adminPort, upstreamPort, mirrorPort, nodeFlags = [], controlPlane = null },
) {
  let source;
  if (controlPlane === null) {
    const file = join(dir, `mesh-${mirrorPort ?? 'none'}.yaml`);
    writeFileSync(file, meshConfigYaml({ upstreamPort, mirrorPort }));
    source = ['--config', file];
  } else {
    source = ['--control-plane', controlPlane];
  }
  const child = spawn(
    process.execPath,
    [
      ...nodeFlags,
      cli,
      'sidecar',
      ...source,
      '--workload',
      'bench-client',
      '--labels',
      'app=bench',
      '--inbound',
      '127.0.0.1:0',
      '--outbound',
      `127.0.0.1:${outboundPort}`,
      '--admin',
      `127.0.0.1:${adminPort}`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, LOG_LEVEL: 'error' } },
  );
  await waitForPort(adminPort);
  return {
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}
