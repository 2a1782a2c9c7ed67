// `npm run cycles`: fails on any import cycle in a workspace package (runtime and type-only imports alike).
// Ends with one line `N passed, N failed` (one check per package), as `npm test` does.
import { cyclesCheck } from './lib/cycles.mjs';

const { passed, failed } = await cyclesCheck();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
