import type { Command } from 'commander';
import { register as analyze } from './analyze.js';
import { register as app } from './app.js';
import { register as apply } from './apply.js';
import { register as del } from './delete.js';
import { register as demo } from './demo.js';
import { register as diff } from './diff.js';
import { register as exec } from './exec.js';
import { register as exportConfig } from './export.js';
import { register as gateway } from './gateway.js';
import { register as get } from './get.js';
import { register as history } from './history.js';
import { register as logs } from './logs.js';
import { register as proxyStatus } from './proxy-status.js';
import { register as rollback } from './rollback.js';
import { register as run } from './run.js';
import { register as sidecar } from './sidecar.js';
import { register as tap } from './tap.js';
import { register as up } from './up.js';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  up,
  demo,
  run,
  app,
  sidecar,
  gateway,
  apply,
  diff,
  get,
  exportConfig,
  del,
  analyze,
  proxyStatus,
  tap,
  history,
  rollback,
  exec,
  logs,
];
