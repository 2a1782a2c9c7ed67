// `shadowmesh diff -f FILE`: what apply would change, object by object, as unified YAML diffs (kubectl diff).
// Exit 0 when nothing would change, 1 when something would, 2 on error, as kubectl diff.
import { type ApplyResultItem, findKind, type Resource } from '@shadowmesh/api';
import type { Command } from 'commander';
import { ApiError } from '../client/cli-error.js';
import { addClientOptions, type ClientOptions, resolveClientSettings } from '../client/client-options.js';
import type { CommandIO } from '../client/command-io.js';
import { ControlPlaneApi } from '../client/control-plane-api.js';
import { formatLocatedError, objectKey, parseLocalManifests } from '../client/local-manifests.js';
import { collectFiles, joinSources, readManifests } from '../client/manifest-input.js';
import { objectRef } from '../client/object-ref.js';
import { clientCommand, println, runFromCommander } from '../client/run-command.js';
import { locateRefusal } from '../client/server-refusal.js';
import { yamlDiff } from '../client/yaml-diff.js';

export const DIFF_ERROR_EXIT_CODE = 2;

export interface DiffArgs extends ClientOptions {
  filename: string[];
  namespace?: string;
}

export const diffCommand = clientCommand<DiffArgs>(
  async (args, io) => {
    const namespace = args.namespace ?? 'default';
    const sources = await readManifests(args.filename, io);
    const local = parseLocalManifests(sources, namespace);
    const errors = [...local.syntaxErrors, ...local.errors];
    if (errors.length > 0) {
      for (const e of errors) println(io.stderr, `error: ${formatLocatedError(e)}`);
      return DIFF_ERROR_EXIT_CODE;
    }
    const wanted = new Map<string, Resource>();
    for (const r of local.resources)
      wanted.set(objectKey(r.kind, r.metadata.namespace ?? namespace, r.metadata.name), r);
    const api = new ControlPlaneApi(resolveClientSettings(args, io));
    // A dry-run apply says what the server would do with each object (created/configured/unchanged).
    const response = await api
      .apply(joinSources(sources), { dryRun: true, namespace })
      .catch((err: unknown) => {
        throw locateRefusal(err, sources);
      });
    let changed = false;
    for (const r of response.results) {
      if (r.action === 'skipped') {
        println(io.stdout, `${r.kind}/${r.name} skipped${r.reason ? `: ${r.reason}` : ''}`);
        continue;
      }
      println(io.stdout, `${objectRef(r.kind, r.name)} ${r.action}`);
      if (r.action === 'unchanged') continue;
      changed = true;
      const applied = wanted.get(objectKey(r.kind, r.namespace ?? namespace, r.name)) ?? null;
      const live = r.action === 'created' ? null : await liveObject(api, r, applied?.apiVersion);
      io.stdout.write(yamlDiff(`${r.namespace ?? namespace}/${objectRef(r.kind, r.name)}`, live, applied));
    }
    return changed ? 1 : 0;
  },
  { errorExitCode: DIFF_ERROR_EXIT_CODE },
);

/** The live object in the apiVersion the file uses (so only real changes show), or null when absent. */
async function liveObject(
  api: ControlPlaneApi,
  r: ApplyResultItem,
  apiVersion?: string,
): Promise<Resource | null> {
  const info = findKind(r.kind);
  if (!info) return null;
  try {
    return await api.get(info, r.namespace ?? 'default', r.name, apiVersion);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

export function register(program: Command, io?: CommandIO): void {
  const command = program
    .command('diff')
    .description('show what apply would change: a unified YAML diff per object (exit 1 when something would)')
    .requiredOption(
      '-f, --filename <file>',
      'YAML/JSON file, directory, or - for stdin (repeatable)',
      collectFiles,
    )
    .option('-n, --namespace <ns>', 'namespace for objects that name none', 'default');
  addClientOptions(command).action((options: DiffArgs) => runFromCommander(diffCommand, options, io));
}
