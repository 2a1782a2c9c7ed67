import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildProgram } from './main.js';

// CI has no Docker engine, so the compose file is checked against the CLI it runs instead.
interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  network_mode?: string;
  depends_on?: string[];
}

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const compose = parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = Object.entries(compose.services);
const program = buildProgram();

function subcommand(name: string): Command | undefined {
  return program.commands.find((c) => c.name() === name);
}

/** The value following `--flag` in a command line. */
function flag(command: string[], name: string): string | undefined {
  const at = command.indexOf(name);
  return at >= 0 ? command[at + 1] : undefined;
}

const portOf = (hostPort: string) => Number(hostPort.slice(hostPort.lastIndexOf(':') + 1));

describe('docker-compose.yml', () => {
  it.each(services)('%s runs an existing shadowmesh subcommand with known flags', (_name, service) => {
    const [name, ...args] = service.command ?? [];
    const command = subcommand(name ?? '');
    expect(command, `subcommand ${name}`).toBeDefined();
    const known = new Set(command!.options.map((o) => o.long));
    for (const arg of args.filter((a) => a.startsWith('--')))
      expect(known, `flag ${arg} of ${name}`).toContain(arg);
  });

  it.each(services)('%s gets the token through the environment', (_name, service) => {
    expect(service.environment?.SHADOWMESH_TOKEN).toMatch(/\$\{SHADOWMESH_TOKEN/);
  });

  it('points every proxy at the control plane service and its listen port', () => {
    const cp = compose.services['control-plane'];
    const cpPort = portOf(flag(cp?.command ?? [], '--listen') ?? '');
    const proxies = services.filter(([, s]) => s.command && flag(s.command, '--control-plane'));
    expect(proxies.length).toBeGreaterThanOrEqual(4);
    for (const [, s] of proxies)
      expect(flag(s.command!, '--control-plane')).toBe(`http://control-plane:${cpPort}`);
  });

  it('wires each sidecar to its workload: shared network, --app on the app port, --inbound on its host', () => {
    for (const [name, s] of services.filter(([, s]) => s.command?.[0] === 'sidecar')) {
      const app = flag(s.command!, '--app');
      if (!app) continue; // a client-only workload has no app
      const workload = s.network_mode?.replace(/^service:/, '') ?? '';
      const appService = compose.services[workload];
      expect(appService, `${name} shares the network of an existing service`).toBeDefined();
      expect(portOf(app)).toBe(portOf(flag(appService!.command!, '--listen') ?? ''));
      expect(flag(s.command!, '--inbound')).toMatch(new RegExp(`^${workload}:\\d+$`));
    }
  });

  it('publishes only ports a service listens on, and depends only on services that exist', () => {
    for (const [, s] of services) {
      const listening = ['--listen', '--outbound', '--inbound', '--admin']
        .map((f) => flag(s.command ?? [], f))
        .filter((v): v is string => v !== undefined)
        .map(portOf);
      for (const mapping of s.ports ?? []) expect(listening).toContain(portOf(mapping));
      for (const dependency of s.depends_on ?? []) expect(compose.services[dependency]).toBeDefined();
    }
  });
});
