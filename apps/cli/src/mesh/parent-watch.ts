// Preloaded (`node --import`) into every child a mesh runner starts. The runner holds the write end of
// the child's stdin; when the runner exits for any reason — even SIGKILL — the pipe closes and the child
// stops as it would on SIGTERM, so no workload outlives the `demo` or `run` that started it.

const stop = (): void => {
  process.stdin.removeListener('end', stop);
  process.stdin.removeListener('close', stop);
  process.kill(process.pid, 'SIGTERM');
  // A child that does not stop within 5 s of losing its runner is ended.
  setTimeout(() => process.exit(1), 5_000).unref();
};

if (!process.stdin.isTTY) {
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
  // Watching must not keep the process alive once its own work is done.
  (process.stdin as { unref?: () => void }).unref?.();
}
