// `shadowmesh analyze -f FILE [--server URL]`: istioctl analyze for Shadowmesh. Offline by default; with
// --server the files are laid over the live objects. Exit 0 without errors, 79 with errors (as istioctl).
import { ANALYSIS_CODES, analyze, checkResourceRules, type Finding } from '@shadowmesh/api';
import type { Command } from 'commander';
import { CliError } from '../client/cli-error.js';
import { DEFAULT_DATA_DIR, resolveClientSettings } from '../client/client-options.js';
import type { CommandIO } from '../client/command-io.js';
import { ControlPlaneApi } from '../client/control-plane-api.js';
import { formatFinding, sortFindings, uniqueFindings } from '../client/findings.js';
import {
  formatLocatedError,
  type LocalManifests,
  objectKey,
  parseLocalManifests,
} from '../client/local-manifests.js';
import { collectFiles, joinSources, readManifests } from '../client/manifest-input.js';
import { clientCommand, println, runFromCommander } from '../client/run-command.js';
import { locateRefusal } from '../client/server-refusal.js';

/** istioctl analyze's exit code when it finds errors. */
export const ANALYZE_ERRORS_EXIT_CODE = 79;

export interface AnalyzeArgs {
  filename?: string[];
  /** Absent ⇒ offline. */
  server?: string;
  token?: string;
  data?: string;
  namespace?: string;
}

export const analyzeCommand = clientCommand<AnalyzeArgs>(async (args, io) => {
  const files = args.filename ?? [];
  if (files.length === 0 && args.server === undefined) {
    throw new CliError('nothing to analyze: pass -f FILE (offline), --server URL (live), or both');
  }
  const namespace = args.namespace ?? 'default';
  const sources = files.length > 0 ? await readManifests(files, io) : [];
  const local = parseLocalManifests(sources, namespace);
  if (local.syntaxErrors.length > 0) {
    for (const e of local.syntaxErrors) println(io.stderr, `error: ${formatLocatedError(e)}`);
    return 1;
  }
  let findings: Finding[];
  // Objects refused only by a rule (mirror and mirrors, weight 0…) are analyzed so the rule's own code shows.
  const ruleFindings = local.ruleInvalid.flatMap((r) =>
    checkResourceRules(r).map(
      (i): Finding => ({
        code: i.code,
        level: ANALYSIS_CODES[i.code].level,
        message: i.message,
        resource: { kind: r.kind, namespace: r.metadata.namespace ?? namespace, name: r.metadata.name },
        field: i.field,
      }),
    ),
  );
  if (args.server === undefined) {
    findings = analyze([...local.resources, ...local.ruleInvalid]);
  } else {
    const api = new ControlPlaneApi(
      resolveClientSettings({ ...args, data: args.data ?? DEFAULT_DATA_DIR }, io),
    );
    // The server knows the running workloads too (subset and mirror endpoint checks).
    findings =
      files.length === 0
        ? await api.analyze()
        : await api.analyzeOverLive(joinSources(sources), namespace).catch((err: unknown) => {
            throw locateRefusal(err, sources);
          });
  }
  for (const e of local.errors) {
    if (e.ruleOnly) continue;
    local.locations.set(objectKey(e.kind ?? UNKNOWN_KIND, e.namespace, e.name ?? UNNAMED), e.location);
  }
  findings = sortFindings(uniqueFindings([...schemaFindings(local), ...ruleFindings, ...findings]));
  for (const f of findings) {
    const where = local.locations.get(keyOfFinding(f));
    println(io.stdout, formatFinding(f, where));
  }
  const target = files.length > 0 ? files.join(', ') : args.server!;
  if (findings.length === 0) println(io.stdout, `✔ No validation issues found when analyzing ${target}.`);
  if (findings.some((f) => f.level === 'error')) {
    println(io.stderr, `Error: Analyzers found issues when analyzing ${target}.`);
    return ANALYZE_ERRORS_EXIT_CODE;
  }
  return 0;
});

function keyOfFinding(f: Finding): string {
  return objectKey(f.resource.kind, f.resource.namespace, f.resource.name);
}

const UNKNOWN_KIND = '(no kind)';
const UNNAMED = '(no name)';

/** Invalid documents become SM0901 errors (istioctl's IST0106 SchemaValidationError). */
function schemaFindings(local: LocalManifests): Finding[] {
  return local.errors
    .filter((e) => !e.ruleOnly)
    .map((e) => ({
      code: 'SM0901',
      level: 'error',
      message: `${e.field === '(root)' ? '' : `${e.field}: `}${e.message}`,
      resource: { kind: e.kind ?? UNKNOWN_KIND, namespace: e.namespace, name: e.name ?? UNNAMED },
      field: e.field,
    }));
}

export function register(program: Command, io?: CommandIO): void {
  program
    .command('analyze')
    .description('find config problems like istioctl analyze (exit 79 on errors); offline unless --server')
    .option('-f, --filename <file>', 'YAML/JSON file, directory, or - for stdin (repeatable)', collectFiles)
    .option('--server <url>', 'also analyze the live config of this control plane (files override it)')
    .option('--token <token>', 'API token (default: $SHADOWMESH_TOKEN, then <data>/token)')
    .option('--data <dir>', 'data directory holding the token file', DEFAULT_DATA_DIR)
    .option('-n, --namespace <ns>', 'namespace for objects that name none', 'default')
    .action((options: AnalyzeArgs) => runFromCommander(analyzeCommand, options, io));
}
