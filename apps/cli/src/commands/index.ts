import type { Command } from 'commander';
import { register as app } from './app.js';
import { register as up } from './up.js';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [up, app];
