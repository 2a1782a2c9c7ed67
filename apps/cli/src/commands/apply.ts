// `shadowmesh apply -f FILE|- [--dry-run]`: create or update every document, all or nothing, like kubectl apply.
import type { ApplyResult, RollbackResult } from '@shadowmesh/api';
import type { Command } from 'commander';
import { addClientOptions, type ClientOptions, resolveClientSettings } from '../client/client-options.js';
import type { CommandIO } from '../client/command-io.js';
import { ControlPlaneApi } from '../client/control-plane-api.js';
import { formatFinding, sortFindings, uniqueFindings } from '../client/findings.js';
import { formatLocatedError, parseLocalManifests } from '../client/local-manifests.js';
import { collectFiles, joinSources, readManifests } from '../client/manifest-input.js';
import { objectRef } from '../client/object-ref.js';
import { clientCommand, println, runFromCommander } from '../client/run-command.js';
import { locateRefusal } from '../client/server-refusal.js';

export interface ApplyArgs extends ClientOptions {
  filename: string[];
  dryRun?: boolean;
  /** Namespace for objects that name none (default `default`). */
  namespace?: string;
}

export const applyCommand = clientCommand<ApplyArgs>(async (args, io) => {
  const sources = await readManifests(args.filename, io);
  // The server validates too; checking here first names the file and line of each error and sends nothing bad.
  const local = parseLocalManifests(sources, args.namespace ?? 'default');
  const errors = [...local.syntaxErrors, ...local.errors];
  if (errors.length > 0) {
    for (const e of errors) println(io.stderr, `error: ${formatLocatedError(e)}`);
    println(io.stderr, 'error: nothing was applied');
    return 1;
  }
  const api = new ControlPlaneApi(resolveClientSettings(args, io));
  const response = await api
    .apply(joinSources(sources), { dryRun: args.dryRun === true, namespace: args.namespace })
    .catch((err: unknown) => {
      throw locateRefusal(err, sources);
    });
  printApplyResults(response, io);
  return 0;
});

/**
 * `kind.group/name created|configured|unchanged` (rollback: `|deleted`), skipped kinds with their reason,
 * findings on stderr.
 */
export function printApplyResults(response: ApplyResult | RollbackResult, io: CommandIO): void {
  const suffix = response.dryRun ? ' (dry run)' : '';
  for (const r of response.results) {
    if (r.action === 'skipped') {
      println(io.stdout, `${r.kind}/${r.name} skipped${r.reason ? `: ${r.reason}` : ''}`);
    } else {
      println(io.stdout, `${objectRef(r.kind, r.name)} ${r.action}${suffix}`);
    }
  }
  for (const f of sortFindings(uniqueFindings(response.warnings))) println(io.stderr, formatFinding(f));
}

export function register(program: Command, io?: CommandIO): void {
  const command = program
    .command('apply')
    .description('create or update mesh config from Istio/Kubernetes YAML (all documents or none)')
    .requiredOption(
      '-f, --filename <file>',
      'YAML/JSON file, directory, or - for stdin (repeatable)',
      collectFiles,
    )
    .option('--dry-run', 'validate and report what would change without storing anything')
    .option('-n, --namespace <ns>', 'namespace for objects that name none', 'default');
  addClientOptions(command).action((options: ApplyArgs) => runFromCommander(applyCommand, options, io));
}
