// `shadowmesh gateway`: runs an ingress gateway proxy until SIGINT/SIGTERM.

import type { GatewayFlags } from '@shadowmesh/proxy';
import type { Command } from 'commander';
import { runUntilSignalled } from './sidecar.js';

export function register(program: Command): void {
  program
    .command('gateway')
    .description('run an ingress gateway serving the VirtualServices bound to the Gateways that select it')
    .option('--control-plane <url>', 'control plane to register with (e.g. http://127.0.0.1:20001)')
    .option('--name <name>', 'gateway name (e.g. istio-ingressgateway)')
    .option('--namespace <ns>', 'gateway namespace', 'istio-system')
    .option('--labels <k=v,...>', 'labels Gateways select it by (e.g. istio=ingressgateway)')
    .option('--listen <host:port>', 'where clients connect')
    .option('--admin <host:port>', 'admin listener: /ready, /stats/prometheus, /config_dump')
    .option('--token <token>', 'control plane token (default: $SHADOWMESH_TOKEN)')
    .option('--config <file>', 'run standalone from a YAML file instead of a control plane')
    .action(async (flags: GatewayFlags) => {
      await runUntilSignalled('gateway', async () => {
        const { parseGatewayFlags, startGateway } = await import('@shadowmesh/proxy');
        const proxy = await startGateway(parseGatewayFlags(flags, process.env), { watchConfigFile: true });
        const admin = proxy.addresses.admin ? ` admin ${proxy.addresses.admin}` : '';
        process.stderr.write(
          `shadowmesh gateway ${proxy.identity.id}: listen ${proxy.addresses.listen}${admin}\n`,
        );
        return proxy;
      });
    });
}
