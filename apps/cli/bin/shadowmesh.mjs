#!/usr/bin/env node
// The bin stays outside dist/ so pnpm can link it before the first build.
import { main } from '../dist/main.js';

// No V8 heap flags are set here for `sidecar` and `gateway` (bench/RESULTS.md, "Issue 16"). The
// `--heap-growing-percent=20` this bin used to set leaves the old generation less slack than the young
// generation's capacity (20 % of a ~15 MB live heap), so V8 starts incremental marking again as soon as a
// full GC ends: a 16 KiB POST under load ran 22–43 full GCs in 6 s and cost 17–35 % more CPU per request
// in four A/B runs, for 15–38 MB less peak RSS. Flags that size the young generation
// (`--max-semi-space-size`) only work when given at process start: whoever launches the proxy may pass
// them in NODE_OPTIONS to trade CPU for memory.
main(process.argv).then(
  (code) => {
    if (typeof code === 'number') process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`shadowmesh: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
