// CPU seconds and RSS of a process tree from /proc (Linux), sampled around a load run.
import { readFileSync } from 'node:fs';

const TICKS = 100; // USER_HZ on Linux

/** utime + stime of one pid, in seconds. */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/**
 * Resident bytes, and of them the anonymous ones (heap, buffers, stacks): RssFile is mostly the node
 * binary's pages, which every sidecar on a host shares, so RssAnon is what one more sidecar costs.
 */
function rss(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(status.match(new RegExp(`${field}:\\s+(\\d+) kB`))?.[1] ?? 0) * 1024;
  return { total: kb('VmRSS'), anon: kb('RssAnon') };
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
 * Samples peak RSS every 200 ms; `stop()` returns CPU seconds used since `start`, the peak RSS (total and
 * anonymous), and the read+write system calls made meanwhile.
 */
export function watchProcess(pids) {
  const list = Array.isArray(pids) ? pids : [pids];
  const cpu0 = list.reduce((n, p) => n + cpuSeconds(p), 0);
  const sys0 = list.reduce((n, p) => n + syscalls(p), 0);
  let peak = 0;
  let peakAnon = 0;
  const sample = () => {
    const now = list.map(rss);
    peak = Math.max(
      peak,
      now.reduce((n, r) => n + r.total, 0),
    );
    peakAnon = Math.max(
      peakAnon,
      now.reduce((n, r) => n + r.anon, 0),
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
        peakAnonBytes: peakAnon,
        syscalls: list.reduce((n, p) => n + syscalls(p), 0) - sys0,
      };
    },
  };
}
