// `shadowmesh history [KIND [NAME]] [-n NS]`: every accepted change, newest first.
import { manifestForm, type RevisionOperation, type RevisionRecord } from '@shadowmesh/api';
import { type Command, Option } from 'commander';
import { CliError } from '../client/cli-error.js';
import { addClientOptions, type ClientOptions, resolveClientSettings } from '../client/client-options.js';
import type { CommandIO } from '../client/command-io.js';
import { ControlPlaneApi, type HistoryQuery } from '../client/control-plane-api.js';
import { resolveKind } from '../client/kind-args.js';
import { kindLabel } from '../client/object-ref.js';
import { clientCommand, println, runFromCommander } from '../client/run-command.js';
import { formatTable } from '../client/table.js';
import { toJsonOutput, toYamlDocument } from '../client/yaml-output.js';

export interface HistoryArgs extends ClientOptions {
  kind?: string;
  name?: string;
  namespace?: string;
  limit?: string;
  output?: 'table' | 'json' | 'yaml';
}

const ACTION: Record<RevisionOperation, string> = {
  create: 'created',
  update: 'configured',
  delete: 'deleted',
};

export const historyCommand = clientCommand<HistoryArgs>(async (args, io) => {
  const query: HistoryQuery = {};
  if (args.kind) query.kind = resolveKind(args.kind).kind;
  if (args.name) query.name = args.name;
  if (args.namespace) query.namespace = args.namespace;
  else if (args.name) query.namespace = 'default';
  if (args.limit !== undefined) {
    const limit = Number(args.limit);
    if (!Number.isInteger(limit) || limit < 1)
      throw new CliError(`--limit must be a positive integer, got ${args.limit}`);
    query.limit = limit;
  }
  const api = new ControlPlaneApi(resolveClientSettings(args, io));
  const entries = await api.history(query);
  if (args.output === 'json') {
    io.stdout.write(toJsonOutput(entries.map(withManifestObjects), false));
    return 0;
  }
  if (args.output === 'yaml') {
    io.stdout.write(toYamlDocument(entries.map(withManifestObjects)));
    return 0;
  }
  if (entries.length === 0) {
    println(io.stderr, 'No revisions found.');
    return 0;
  }
  io.stdout.write(renderHistory(entries));
  return 0;
});

export function renderHistory(entries: readonly RevisionRecord[]): string {
  const rows = entries.map((e) => [
    String(e.revision),
    e.at.replace(/\.\d+Z$/, 'Z'),
    e.client,
    `${ACTION[e.operation]}${e.rollbackOf !== null ? ` (rollback to ${e.rollbackOf})` : ''}`,
    `${kindLabel(e.kind)}/${e.namespace}/${e.name}`,
  ]);
  return formatTable(['REVISION', 'TIME', 'CLIENT', 'ACTION', 'OBJECT'], rows);
}

/**
 * The record as the server sent it (its `kind` is the API's: `KubernetesGateway`), with `before` and `after`
 * as manifests (`kind: Gateway`), so an old version can be copied out and applied again.
 */
function withManifestObjects(e: RevisionRecord): unknown {
  return {
    ...e,
    before: e.before ? manifestForm(e.before) : null,
    after: e.after ? manifestForm(e.after) : null,
  };
}

export function register(program: Command, io?: CommandIO): void {
  const command = program
    .command('history')
    .description('list accepted changes (revisions), newest first; filter by kind and name')
    .argument('[kind]', 'only this kind (vs, dr, …)')
    .argument('[name]', 'only this object')
    .option('-n, --namespace <ns>', 'only this namespace (default with a name: default)')
    .option('--limit <n>', 'at most this many revisions')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['table', 'json', 'yaml']));
  addClientOptions(command).action(
    (kind: string | undefined, name: string | undefined, options: HistoryArgs) =>
      runFromCommander(
        historyCommand,
        { ...options, ...(kind ? { kind } : {}), ...(name ? { name } : {}) },
        io,
      ),
  );
}
