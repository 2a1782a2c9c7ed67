// `shadowmesh delete KIND NAME... [-n NS]` and `delete -f FILE`, like kubectl delete.
import { type KindInfo, kindInfo, parseManifests } from '@shadowmesh/api';
import type { Command } from 'commander';
import { ApiError, CliError, fieldText } from '../client/cli-error.js';
import { addClientOptions, type ClientOptions, resolveClientSettings } from '../client/client-options.js';
import type { CommandIO } from '../client/command-io.js';
import { ControlPlaneApi } from '../client/control-plane-api.js';
import { resolveKindArg } from '../client/kind-args.js';
import { documentKind, documentObject } from '../client/local-manifests.js';
import { collectFiles, readManifests } from '../client/manifest-input.js';
import { resourceName } from '../client/object-ref.js';
import { clientCommand, println, runFromCommander } from '../client/run-command.js';
import { formatSourcePosition } from '../client/source-position.js';

export interface DeleteArgs extends ClientOptions {
  kind?: string;
  names?: string[];
  filename?: string[];
  namespace?: string;
  ignoreNotFound?: boolean;
}

interface Target {
  info: KindInfo;
  namespace: string;
  name: string;
}

export const deleteCommand = clientCommand<DeleteArgs>(async (args, io) => {
  const namespace = args.namespace ?? 'default';
  const targets: Target[] = [];
  const hasFiles = (args.filename?.length ?? 0) > 0;
  if (hasFiles) {
    if (args.kind) throw new CliError('give either -f FILE or KIND NAME, not both');
    targets.push(...(await targetsFromFiles(args.filename!, namespace, io)));
  } else {
    if (!args.kind) throw new CliError('you must give -f FILE or KIND NAME (e.g. delete vs httpbin)');
    const selection = resolveKindArg(args.kind);
    if (selection.multiple) throw new CliError('delete takes one kind at a time');
    const names = [...selection.names, ...(args.names ?? [])];
    if (names.length === 0) throw new CliError(`resource name is required: delete ${args.kind} NAME`);
    for (const name of names) targets.push({ info: selection.kinds[0]!, namespace, name });
  }
  const api = new ControlPlaneApi(resolveClientSettings(args, io));
  let failed = false;
  for (const t of targets) {
    try {
      await api.delete(t.info, t.namespace, t.name);
      println(io.stdout, `${resourceName(t.info.kind)} "${t.name}" deleted`);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 404) throw err;
      if (args.ignoreNotFound) continue;
      failed = true;
      println(io.stderr, `Error from server (NotFound): ${resourceName(t.info.kind)} "${t.name}" not found`);
    }
  }
  return failed ? 1 : 0;
});

/** Managed objects named in the files (even ones whose spec is invalid); other kinds are reported skipped. */
async function targetsFromFiles(files: string[], namespace: string, io: CommandIO): Promise<Target[]> {
  const targets: Target[] = [];
  for (const source of await readManifests(files, io)) {
    const parsed = parseManifests(source.text, { defaultNamespace: namespace });
    for (const entry of parsed.entries) {
      if (entry.status === 'resource') {
        const r = entry.resource;
        targets.push({
          info: kindInfo(r.kind),
          namespace: r.metadata.namespace ?? namespace,
          name: r.metadata.name,
        });
        continue;
      }
      if (entry.status === 'skipped') {
        println(io.stdout, `${entry.skipped.kind}/${entry.skipped.name} skipped: ${entry.skipped.reason}`);
        continue;
      }
      // An invalid document still names its object; its apiVersion tells Istio's Gateway from Gateway API's.
      const raw = entry.kind && entry.name ? documentObject(source.text, entry.index, entry.item) : undefined;
      const kind = entry.kind ? documentKind(entry.kind, raw) : undefined;
      if (kind && entry.name) {
        targets.push({ info: kindInfo(kind), namespace: namespaceOf(raw) ?? namespace, name: entry.name });
      } else {
        const first = entry.errors[0];
        const where = formatSourcePosition({
          name: source.name,
          line: first?.line ?? entry.line,
          ...(first?.line !== undefined && first.column !== undefined ? { column: first.column } : {}),
        });
        // The YAML parser repeats the position in its message; `where` already says it.
        const why = first
          ? fieldText({ ...first, message: first.message.replace(/ at line \d+, column \d+$/, '') })
          : '';
        throw new CliError(`${where}: cannot tell which object to delete: ${why}`);
      }
    }
  }
  return targets;
}

function namespaceOf(raw: unknown): string | undefined {
  const ns = (raw as { metadata?: { namespace?: unknown } } | undefined)?.metadata?.namespace;
  return typeof ns === 'string' && ns !== '' ? ns : undefined;
}

export function register(program: Command, io?: CommandIO): void {
  const command = program
    .command('delete')
    .description('delete mesh config by kind and name, or every object named in a file')
    .argument('[kind]', 'kind, plural or short name (vs, dr, gw, se, svc, …), or kind/name')
    .argument('[names...]', 'object names')
    .option(
      '-f, --filename <file>',
      'delete the objects in this file, directory, or - for stdin',
      collectFiles,
    )
    .option('-n, --namespace <ns>', 'namespace', 'default')
    .option('--ignore-not-found', 'treat "not found" as a successful delete');
  addClientOptions(command).action((kind: string | undefined, names: string[], options: DeleteArgs) =>
    runFromCommander(deleteCommand, { ...options, ...(kind ? { kind } : {}), names }, io),
  );
}
