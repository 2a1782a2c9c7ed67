// `exec` and `logs` find a running workload's sidecar by name in `<data>/workloads.json`.
import { isAbsolute, resolve } from 'node:path';
import { CliError } from '../client/cli-error.js';
import { DEFAULT_DATA_DIR } from '../client/client-options.js';
import { readWorkloads, type WorkloadRecord } from './workloads-file.js';

export function dataDirOf(data: string | undefined, cwd: string): string {
  const dir = data ?? DEFAULT_DATA_DIR;
  return isAbsolute(dir) ? dir : resolve(cwd, dir);
}

/** The running sidecar workload `name` (in `namespace` when given); a clear error when there is none or several. */
export function findWorkload(dataDir: string, name: string, namespace: string | undefined): WorkloadRecord {
  const all = readWorkloads(dataDir).filter((w) => w.kind === 'sidecar');
  const matches = all.filter(
    (w) => w.name === name && (namespace === undefined || w.namespace === namespace),
  );
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    const namespaces = matches.map((w) => w.namespace).join(', ');
    throw new CliError(`workload "${name}" runs in several namespaces (${namespaces}): pass -n NAMESPACE`);
  }
  const where = namespace === undefined ? '' : ` in namespace ${namespace}`;
  const known = all.map((w) => (w.namespace === 'default' ? w.name : `${w.name} (-n ${w.namespace})`));
  throw new CliError(
    known.length === 0
      ? `workload "${name}" is not running: no workloads are recorded in ${dataDir} (start them with shadowmesh run -f FILE or shadowmesh demo)`
      : `workload "${name}"${where} is not running; running: ${known.join(', ')}`,
  );
}
