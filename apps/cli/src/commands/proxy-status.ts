// `shadowmesh proxy-status [NAME]`: every connected proxy and whether it holds the latest config (istioctl ps).
import type { ProxyStatus } from '@shadowmesh/api';
import { type Command, Option } from 'commander';
import { formatAge } from '../client/age.js';
import { addClientOptions, type ClientOptions, resolveClientSettings } from '../client/client-options.js';
import type { CommandIO } from '../client/command-io.js';
import { ControlPlaneApi } from '../client/control-plane-api.js';
import { clientCommand, println, runFromCommander } from '../client/run-command.js';
import { formatTable, orNone } from '../client/table.js';
import { toJsonOutput, toYamlDocument } from '../client/yaml-output.js';

export interface ProxyStatusArgs extends ClientOptions {
  name?: string;
  namespace?: string;
  output?: 'table' | 'json' | 'yaml';
}

export const proxyStatusCommand = clientCommand<ProxyStatusArgs>(async (args, io) => {
  const api = new ControlPlaneApi(resolveClientSettings(args, io));
  const proxies = (await api.proxyStatus()).filter(
    (p) =>
      (!args.namespace || p.proxy.namespace === args.namespace) &&
      (!args.name ||
        p.proxy.id === args.name ||
        p.proxy.workload === args.name ||
        p.proxy.id.startsWith(args.name)),
  );
  if (args.output === 'json') {
    io.stdout.write(toJsonOutput(proxies, false));
    return 0;
  }
  if (args.output === 'yaml') {
    io.stdout.write(toYamlDocument(proxies));
    return 0;
  }
  if (proxies.length === 0) {
    println(io.stderr, args.name ? `No proxy matches "${args.name}".` : 'No proxies are connected.');
    return args.name ? 1 : 0;
  }
  io.stdout.write(renderProxyStatus(proxies, io.now()));
  return 0;
});

export function renderProxyStatus(proxies: readonly ProxyStatus[], now: Date): string {
  const sorted = [...proxies].sort(
    (a, b) => a.proxy.namespace.localeCompare(b.proxy.namespace) || a.proxy.id.localeCompare(b.proxy.id),
  );
  const rows = sorted.map((p) => [
    p.proxy.id,
    p.proxy.namespace,
    p.proxy.kind,
    // The version the proxy runs: the last one it ACKed (a STALE or NACKED proxy keeps its previous one).
    orNone(p.ackedVersion),
    p.status,
    // Disconnected proxies stay listed for a while (and endpoints restored after a control-plane restart):
    // their STATUS is of the last connection, so say they are gone.
    p.connected ? 'yes' : 'no',
    p.lastSeen ? `${formatAge(p.lastSeen, now)} ago` : '<unknown>',
  ]);
  let out = formatTable(['NAME', 'NAMESPACE', 'KIND', 'VERSION', 'STATUS', 'CONNECTED', 'LAST SEEN'], rows);
  const nacked = sorted.filter((p) => p.status === 'NACKED' && p.nackError);
  if (nacked.length > 0) {
    out += `\n${nacked.map((p) => `${p.proxy.id} rejected the config: ${p.nackError}`).join('\n')}\n`;
  }
  return out;
}

export function register(program: Command, io?: CommandIO): void {
  const command = program
    .command('proxy-status')
    .alias('ps')
    .description('show each proxy and whether it holds the latest config (SYNCED, STALE, NOT SENT, NACKED)')
    .argument('[name]', 'only this proxy (id, id prefix or workload name)')
    .option('-n, --namespace <ns>', 'only proxies of this namespace')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['table', 'json', 'yaml']));
  addClientOptions(command).action((name: string | undefined, options: ProxyStatusArgs) =>
    runFromCommander(proxyStatusCommand, { ...options, ...(name ? { name } : {}) }, io),
  );
}
