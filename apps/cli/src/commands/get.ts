// `shadowmesh get KIND [NAME...] [-n NS | -A] [-o yaml|json|wide|name] [-l selector]`, like kubectl get.
import { type KindInfo, type Resource, toIstioManifest } from '@shadowmesh/api';
import { type Command, Option } from 'commander';
import { ApiError, CliError } from '../client/cli-error.js';
import { addClientOptions, type ClientOptions, resolveClientSettings } from '../client/client-options.js';
import type { CommandIO } from '../client/command-io.js';
import { ControlPlaneApi } from '../client/control-plane-api.js';
import { resolveKindArg } from '../client/kind-args.js';
import { columnsFor } from '../client/kind-columns.js';
import { matchesSelector, parseLabelSelector } from '../client/label-selector.js';
import { objectRef, resourceName } from '../client/object-ref.js';
import { clientCommand, println, runFromCommander } from '../client/run-command.js';
import { formatTable } from '../client/table.js';
import { toJsonOutput, toYamlDocuments } from '../client/yaml-output.js';

export type GetOutput = 'table' | 'wide' | 'yaml' | 'json' | 'name';

export interface GetArgs extends ClientOptions {
  kind: string;
  names?: string[];
  namespace?: string;
  allNamespaces?: boolean;
  output?: GetOutput;
  selector?: string;
}

export const getCommand = clientCommand<GetArgs>(async (args, io) => {
  const selection = resolveKindArg(args.kind);
  const names = [...selection.names, ...(args.names ?? [])];
  const allNamespaces = args.allNamespaces === true;
  const namespace = args.namespace ?? 'default';
  if (names.length > 0 && allNamespaces) {
    throw new CliError('a resource cannot be retrieved by name across all namespaces');
  }
  if (names.length > 0 && selection.multiple) throw new CliError('names can only be given for one kind');
  if (names.length > 0 && args.selector)
    throw new CliError('name cannot be provided when a selector is specified');
  const requirements = parseLabelSelector(args.selector ?? '');
  const api = new ControlPlaneApi(resolveClientSettings(args, io));
  const groups: Array<{ info: KindInfo; items: Resource[] }> = [];
  let failed = false;
  for (const info of selection.kinds) {
    const items: Resource[] = [];
    if (names.length > 0) {
      for (const name of names) {
        try {
          items.push(await api.get(info, namespace, name));
        } catch (err) {
          if (!(err instanceof ApiError) || err.status !== 404) throw err;
          failed = true;
          println(io.stderr, `Error from server (NotFound): ${resourceName(info.kind)} "${name}" not found`);
        }
      }
    } else {
      const listed = await api.list(info, {
        namespace: allNamespaces ? null : namespace,
        ...(args.selector ? { labelSelector: args.selector } : {}),
      });
      items.push(...listed.filter((r) => matchesSelector(requirements, r.metadata.labels)));
    }
    groups.push({ info, items });
  }
  const output = args.output ?? 'table';
  printGroups(groups, { output, allNamespaces, single: names.length === 1 }, io);
  if (
    !failed &&
    names.length === 0 &&
    groups.every((g) => g.items.length === 0) &&
    !isStructured(args.output)
  ) {
    println(
      io.stderr,
      allNamespaces ? 'No resources found' : `No resources found in ${namespace} namespace.`,
    );
  }
  return failed ? 1 : 0;
});

function isStructured(output: GetOutput | undefined): boolean {
  return output === 'yaml' || output === 'json';
}

interface PrintOptions {
  output: GetOutput;
  allNamespaces: boolean;
  /** One object was asked for by name: JSON prints it alone rather than in a List. */
  single: boolean;
}

function printGroups(
  groups: Array<{ info: KindInfo; items: Resource[] }>,
  opts: PrintOptions,
  io: CommandIO,
): void {
  const all = groups.flatMap((g) => g.items);
  const { output } = opts;
  if (output === 'yaml') {
    if (all.length > 0) io.stdout.write(toYamlDocuments(all.map(toIstioManifest)));
    return;
  }
  if (output === 'json') {
    io.stdout.write(toJsonOutput(all.map(toIstioManifest), opts.single));
    return;
  }
  if (output === 'name') {
    for (const r of all) println(io.stdout, objectRef(r.kind, r.metadata.name));
    return;
  }
  const multiple = groups.length > 1;
  let first = true;
  for (const { info, items } of groups) {
    if (items.length === 0) continue;
    if (!first) println(io.stdout);
    first = false;
    const table = { wide: output === 'wide', allNamespaces: opts.allNamespaces, multiple };
    io.stdout.write(renderTable(info, items, table, io.now()));
  }
}

export function renderTable(
  info: KindInfo,
  items: readonly Resource[],
  opts: { wide: boolean; allNamespaces: boolean; multiple: boolean },
  now: Date,
): string {
  const columns = columnsFor(info.kind, opts.wide);
  const headers = [...(opts.allNamespaces ? ['NAMESPACE'] : []), 'NAME', ...columns.map((c) => c.header)];
  const rows = items.map((r) => [
    ...(opts.allNamespaces ? [r.metadata.namespace ?? 'default'] : []),
    opts.multiple ? objectRef(info.kind, r.metadata.name) : r.metadata.name,
    ...columns.map((c) => c.value(r, now)),
  ]);
  return formatTable(headers, rows);
}

export function register(program: Command, io?: CommandIO): void {
  const command = program
    .command('get')
    .description('list mesh config: get vs, get dr httpbin -o yaml, get all -A')
    .argument(
      '<kind>',
      'kind, plural or short name (vs, dr, gw, se, svc, meshconfig, shadowpolicy, httproute, gtw), a,b, or all',
    )
    .argument('[names...]', 'object names')
    .option('-n, --namespace <ns>', 'namespace', 'default')
    .option('-A, --all-namespaces', 'list across all namespaces')
    .addOption(
      new Option('-o, --output <format>', 'output format').choices(['yaml', 'json', 'wide', 'name', 'table']),
    )
    .option('-l, --selector <selector>', 'label selector (app=httpbin,version!=v1)');
  addClientOptions(command).action(
    (kind: string, names: string[], options: Omit<GetArgs, 'kind' | 'names'>) =>
      runFromCommander(getCommand, { ...options, kind, names }, io),
  );
}
