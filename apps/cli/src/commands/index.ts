import type { Command } from 'commander';
import { register as gateway } from './gateway.js';
import { register as sidecar } from './sidecar.js';
import { register as up } from './up.js';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [up, sidecar, gateway];
