// `shadowmesh export [KIND] [-n NS | -A] [-o FILE]`: the mesh's config as YAML a real Istio cluster applies
// unchanged (`kubectl apply -f FILE`). Shadowmesh-only kinds are left out, with a note on stderr and in the file.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type LeftOutObject, type Resource, toIstioExport } from '@shadowmesh/api';
import type { Command } from 'commander';
import { ApiError, CliError } from '../client/cli-error.js';
import { addClientOptions, type ClientOptions, resolveClientSettings } from '../client/client-options.js';
import type { CommandIO } from '../client/command-io.js';
import { ControlPlaneApi } from '../client/control-plane-api.js';
import { resolveKindArg } from '../client/kind-args.js';
import { resourceName } from '../client/object-ref.js';
import { clientCommand, println, runFromCommander } from '../client/run-command.js';
import { toYamlDocuments } from '../client/yaml-output.js';

export interface ExportArgs extends ClientOptions {
  /** Kind, `a,b`, `kind/name` or `all` (the default). */
  kind?: string;
  namespace?: string;
  allNamespaces?: boolean;
  /** A file to write, or `-` (the default) for stdout. */
  output?: string;
}

export const exportCommand = clientCommand<ExportArgs>(async (args, io) => {
  const selection = resolveKindArg(args.kind ?? 'all');
  const allNamespaces = args.allNamespaces === true;
  const namespace = args.namespace ?? 'default';
  if (selection.names.length > 0 && allNamespaces) {
    throw new CliError('a resource cannot be exported by name across all namespaces (drop -A or the name)');
  }
  const api = new ControlPlaneApi(resolveClientSettings(args, io));
  const stored: Resource[] = [];
  for (const info of selection.kinds) {
    if (selection.names.length === 0) {
      stored.push(...(await api.list(info, { namespace: allNamespaces ? null : namespace })));
      continue;
    }
    for (const name of selection.names) {
      try {
        stored.push(await api.get(info, namespace, name));
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 404) throw err;
        throw new CliError(`${resourceName(info.kind)} "${name}" not found in namespace ${namespace}`);
      }
    }
  }
  const { manifests, leftOut } = toIstioExport(stored);
  const text = exportHeader(leftOut) + toYamlDocuments(manifests);
  if (leftOut.length > 0) println(io.stderr, leftOutNote(leftOut));
  if (stored.length === 0) {
    println(
      io.stderr,
      allNamespaces ? 'No resources found' : `No resources found in ${namespace} namespace.`,
    );
  }
  const output = args.output ?? '-';
  if (output === '-') {
    io.stdout.write(text);
    return 0;
  }
  const path = resolve(io.cwd, output);
  try {
    writeFileSync(path, text);
  } catch (err) {
    throw new CliError(`--output ${output}: cannot write: ${(err as Error).message}`, { cause: err });
  }
  println(io.stderr, `wrote ${manifests.length} object${manifests.length === 1 ? '' : 's'} to ${output}`);
  return 0;
});

/** The YAML comment at the top: what the file is, and every object left out and why. */
export function exportHeader(leftOut: readonly LeftOutObject[]): string {
  const lines = [
    '# Exported by shadowmesh: Istio, Gateway API and Kubernetes objects; kubectl apply -f takes it.',
  ];
  if (leftOut.length > 0) {
    lines.push('# Left out:');
    for (const o of leftOut) lines.push(`#   ${o.kind} ${o.namespace}/${o.name}: ${o.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

function leftOutNote(leftOut: readonly LeftOutObject[]): string {
  const names = leftOut.map((o) => `${o.kind} ${o.namespace}/${o.name}`).join(', ');
  return `note: left out ${leftOut.length} Shadowmesh-only object${leftOut.length === 1 ? '' : 's'} (no Istio equivalent): ${names}`;
}

export function register(program: Command, io?: CommandIO): void {
  const command = program
    .command('export')
    .description(
      'print mesh config as YAML a real Istio cluster applies unchanged (Shadowmesh-only kinds left out)',
    )
    .argument('[kind]', 'kind, a,b, kind/name, or all (the default)')
    .option('-n, --namespace <ns>', 'namespace', 'default')
    .option('-A, --all-namespaces', 'export every namespace')
    .option('-o, --output <file>', 'write to a file instead of stdout (- for stdout)');
  addClientOptions(command).action((kind: string | undefined, options: Omit<ExportArgs, 'kind'>) =>
    runFromCommander(exportCommand, { ...options, ...(kind ? { kind } : {}) }, io),
  );
}
