// `shadowmesh rollback REV [KIND [NAME]] [-n NS] [--dry-run]`: put the config back as it was right after a
// revision (see `history`); the rollback is itself a new revision, validated like any write.
import type { Command } from 'commander';
import { CliError } from '../client/cli-error.js';
import { addClientOptions, type ClientOptions, resolveClientSettings } from '../client/client-options.js';
import type { CommandIO } from '../client/command-io.js';
import { ControlPlaneApi } from '../client/control-plane-api.js';
import { resolveKind } from '../client/kind-args.js';
import { clientCommand, println, runFromCommander } from '../client/run-command.js';
import { printApplyResults } from './apply.js';

export interface RollbackArgs extends ClientOptions {
  revision: string;
  kind?: string;
  name?: string;
  namespace?: string;
  dryRun?: boolean;
}

export const rollbackCommand = clientCommand<RollbackArgs>(async (args, io) => {
  const revision = Number(args.revision);
  if (!/^\d+$/.test(args.revision) || !Number.isSafeInteger(revision) || revision < 1) {
    throw new CliError(
      `REV must be a revision number (see shadowmesh history), got ${JSON.stringify(args.revision)}`,
    );
  }
  const filter: { kind?: ReturnType<typeof resolveKind>['kind']; namespace?: string; name?: string } = {};
  if (args.kind) filter.kind = resolveKind(args.kind).kind;
  if (args.name) filter.name = args.name;
  if (args.namespace) filter.namespace = args.namespace;
  else if (args.name) filter.namespace = 'default';
  const api = new ControlPlaneApi(resolveClientSettings(args, io));
  const response = await api.rollback(revision, { dryRun: args.dryRun === true, ...filter });
  if (response.results.length === 0) {
    println(io.stdout, `nothing to roll back: the config is already as it was at revision ${revision}`);
  }
  printApplyResults(response, io);
  return 0;
});

export function register(program: Command, io?: CommandIO): void {
  const command = program
    .command('rollback')
    .description(
      'restore the config as it was right after a revision (see history); recorded as a new revision',
    )
    .argument('<revision>', 'revision number')
    .argument('[kind]', 'only objects of this kind (vs, dr, …)')
    .argument('[name]', 'only this object')
    .option('-n, --namespace <ns>', 'only this namespace (default with a name: default)')
    .option('--dry-run', 'report what would change without storing anything');
  addClientOptions(command).action(
    (revision: string, kind: string | undefined, name: string | undefined, options: RollbackArgs) =>
      runFromCommander(
        rollbackCommand,
        { ...options, revision, ...(kind ? { kind } : {}), ...(name ? { name } : {}) },
        io,
      ),
  );
}
