import { describe, expect, it } from 'vitest';
import { buildProgram } from './main.js';

// DESIGN.md's command list plus `app` and `export` (issue 13).
const COMMANDS = [
  'up',
  'demo',
  'run',
  'app',
  'sidecar',
  'gateway',
  'apply',
  'diff',
  'get',
  'export',
  'delete',
  'analyze',
  'proxy-status',
  'tap',
  'history',
  'rollback',
  'exec',
  'logs',
];

describe('shadowmesh --help', () => {
  it('lists every subcommand with a one-line description', () => {
    let help = '';
    const program = buildProgram().configureOutput({ writeOut: (s) => (help += s) });
    program.outputHelp();
    for (const name of COMMANDS) {
      const line = help.split('\n').find((l) => new RegExp(`^\\s+${name}[ |]`).test(l));
      expect(line, name).toMatch(/\s{2,}\S/);
    }
    expect(program.commands.map((c) => c.name()).sort()).toEqual([...COMMANDS].sort());
  });
});
