#!/usr/bin/env node
// The bin stays outside dist/ so pnpm can link it before the first build.
import { setFlagsFromString } from 'node:v8';
import { main } from '../dist/main.js';

// A proxy under load promotes a steady trickle of short-lived objects; V8's default lets the old
// generation grow to several times what a full GC leaves alive before collecting it. 20 % keeps a
// sidecar's heap near its live size at no measured cost in throughput (bench/RESULTS.md, "Proxy").
// This flag is read at each GC, so it can be set here; flags that size the heap at startup
// (--max-semi-space-size) cannot, and are passed by whoever starts the process.
const command = process.argv[2];
if (command === 'sidecar' || command === 'gateway') setFlagsFromString('--heap-growing-percent=20');

main(process.argv).then(
  (code) => {
    if (typeof code === 'number') process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`shadowmesh: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
