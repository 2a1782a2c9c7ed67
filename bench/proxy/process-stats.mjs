// CPU seconds and RSS of a process tree from /proc (Linux), sampled around a load run.
import { readFileSync } from 'node:fs';

const TICKS = 100; // USER_HZ on Linux

/** utime + stime of one pid, in seconds. */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmRSS:\s+(\d+) kB/)?.[1] ?? 0) * 1024;
}

/** Read and write system calls of one pid so far (/proc/PID/io: syscr, syscw). */
function syscalls(pid) {
  try {
    const io = readFileSync(`/proc/${pid}/io`, 'utf8');
    return Number(io.match(/syscr:\s+(\d+)/)?.[1] ?? 0) + Number(io.match(/syscw:\s+(\d+)/)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * Samples peak RSS every 200 ms; `stop()` returns CPU seconds used since `start`, the peak RSS, and the
 * read+write system calls made meanwhile.
 */
export function watchProcess(pids) {
  const list = Array.isArray(pids) ? pids : [pids];
  const cpu0 = list.reduce((n, p) => n + cpuSeconds(p), 0);
  const sys0 = list.reduce((n, p) => n + syscalls(p), 0);
  let peak = 0;
  const sample = () => {
    peak = Math.max(
      peak,
      list.reduce((n, p) => n + rssBytes(p), 0),
    );
  };
  sample();
  const timer = setInterval(sample, 200);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return {
        cpuSeconds: list.reduce((n, p) => n + cpuSeconds(p), 0) - cpu0,
        peakRssBytes: peak,
        syscalls: list.reduce((n, p) => n + syscalls(p), 0) - sys0,
      };
    },
  };
}
