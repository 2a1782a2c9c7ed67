// The exchange pipeline's layers (routed-handler.ts lists the steps): each step imports only the steps
// below it and the shared types; capture and the copies know each other only through exchange-types.ts.
// (Import cycles anywhere are refused by Biome's noImportCycles, run by `npm run cycles`.)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Layer = 'entry' | 'plan' | 'primary' | 'copies' | 'capture' | 'types';

const LAYERS: Record<Layer, readonly string[]> = {
  entry: ['routed-handler', 'inbound-handler'],
  plan: ['exchange-plan'],
  primary: ['primary-exchange', 'upstream-attempt'],
  copies: ['mirror-sender', 'mirror-copy', 'baseline-copy'],
  capture: ['flow-capture', 'flow-request', 'flow-record', 'body-capture', 'flow-buffer', 'tap-sessions'],
  types: ['exchange-types'],
};

/** The pipeline modules each layer must not import. */
const FORBIDDEN: Record<Layer, readonly Layer[]> = {
  entry: ['capture'],
  plan: ['entry', 'primary', 'copies', 'capture'],
  primary: ['entry', 'plan', 'capture'],
  copies: ['entry', 'plan', 'primary', 'capture'],
  capture: ['entry', 'plan', 'primary', 'copies'],
  types: ['entry', 'plan', 'primary', 'copies', 'capture'],
};

function localImports(module: string): string[] {
  const text = readFileSync(new URL(`./${module}.ts`, import.meta.url), 'utf8');
  return [...text.matchAll(/from '\.\/([\w-]+)\.js'/g)].map((m) => m[1] as string);
}

describe('exchange pipeline layers', () => {
  for (const [layer, modules] of Object.entries(LAYERS) as [Layer, readonly string[]][]) {
    const banned = new Set(FORBIDDEN[layer].flatMap((l) => LAYERS[l]));
    for (const module of modules) {
      it(`${module} (${layer}) imports no ${FORBIDDEN[layer].join(', ')} module`, () => {
        expect(localImports(module).filter((m) => banned.has(m))).toEqual([]);
      });
    }
  }
});
