// `shadowmesh sidecar`: runs a sidecar proxy until SIGINT/SIGTERM.

import type { SidecarFlags } from '@shadowmesh/proxy';
import type { Command } from 'commander';
import { untilStopSignal } from '../stop-signal.js';

export function register(program: Command): void {
  program
    .command('sidecar')
    .description(
      'run a sidecar proxy: inbound listener in front of the app, outbound HTTP proxy for its calls',
    )
    .option('--control-plane <url>', 'control plane to register with (e.g. http://127.0.0.1:20001)')
    .option('--workload <name>', 'workload name (e.g. httpbin-v1)')
    .option('--namespace <ns>', 'workload namespace', 'default')
    .option('--labels <k=v,...>', 'workload labels (e.g. app=httpbin,version=v1)')
    .option('--app <host:port>', 'where the local application listens (omit for a client-only workload)')
    .option('--inbound <host:port>', 'where mesh traffic for this workload arrives')
    .option('--outbound <host:port>', "HTTP proxy for the application's outgoing calls (HTTP_PROXY)")
    .option('--admin <host:port>', 'admin listener: /ready, /stats/prometheus, /config_dump, /logs')
    .option('--token <token>', 'control plane token (default: $SHADOWMESH_TOKEN)')
    .option('--config <file>', 'run standalone from a YAML file instead of a control plane')
    .action(async (flags: SidecarFlags) => {
      await runUntilSignalled('sidecar', async () => {
        // Loaded on use, so other commands do not pay for the data plane's modules.
        const { parseSidecarFlags, startSidecar } = await import('@shadowmesh/proxy');
        const proxy = await startSidecar(parseSidecarFlags(flags, process.env), { watchConfigFile: true });
        const a = proxy.addresses;
        const admin = a.admin ? ` admin ${a.admin}` : '';
        process.stderr.write(
          `shadowmesh sidecar ${proxy.identity.id}: inbound ${a.inbound} outbound ${a.outbound}${admin}\n`,
        );
        return proxy;
      });
    });
}

/** Starts a proxy, waits for SIGINT or SIGTERM, then closes it; errors go to stderr with the flag named. */
export async function runUntilSignalled(
  what: string,
  start: () => Promise<{ close(): Promise<void> }>,
): Promise<void> {
  let proxy: { close(): Promise<void> };
  try {
    proxy = await start();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`shadowmesh ${what}: ${message}\n`);
    process.exitCode = (err as { code?: unknown }).code === 'DP_ERR_BAD_FLAG' ? 2 : 1;
    return;
  }
  await untilStopSignal();
  await proxy.close();
}
