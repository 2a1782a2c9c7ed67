// Owns every child process a mesh runner starts: stops them all (newest first) on request, and kills any
// still alive if the runner's process exits without stopping them.
import { type ChildExit, type ChildHandle, type ChildSpec, startChild } from './child-process.js';

export class Supervisor {
  readonly #children: ChildHandle[] = [];
  #stopping: Promise<void> | null = null;
  readonly #onExit = () => {
    for (const child of this.#children) child.kill();
  };

  constructor() {
    process.on('exit', this.#onExit);
  }

  /** Starts a child and keeps it until `stopAll()`. */
  start(spec: ChildSpec): ChildHandle {
    if (this.#stopping) throw new Error(`cannot start ${spec.name}: the mesh is stopping`);
    const child = startChild(spec);
    this.#children.push(child);
    return child;
  }

  /** Children started and not yet exited. */
  alive(): ChildHandle[] {
    return this.#children.filter((c) => c.exitStatus() === null);
  }

  /** Every child started, in start order. */
  children(): readonly ChildHandle[] {
    return this.#children;
  }

  /** Stops one child now (SIGTERM, then SIGKILL after `graceMs`). */
  stopOne(child: ChildHandle, graceMs?: number): Promise<ChildExit> {
    return child.stop(graceMs);
  }

  /** Stops every child at once: SIGTERM, then SIGKILL after `graceMs`. Idempotent. */
  stopAll(graceMs = 5_000): Promise<void> {
    this.#stopping ??= (async () => {
      await Promise.all(this.#children.map((c) => c.stop(graceMs)));
      process.off('exit', this.#onExit);
    })();
    return this.#stopping;
  }
}
