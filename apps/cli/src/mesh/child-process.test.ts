import { describe, expect, it, vi } from 'vitest';
import { startChild } from './child-process.js';
import { processRunning } from './testing/mesh-harness.js';

const node = (script: string, extra: { ownGroup?: boolean } = {}) =>
  startChild({ name: 'test child', command: process.execPath, args: ['-e', script], ...extra });

describe('startChild', () => {
  it('waits for a line of output, seen before or after the call', async () => {
    const child = node(
      "console.log('hello 42'); setTimeout(() => console.error('ready at 7'), 50); setTimeout(() => {}, 60000)",
    );
    expect((await child.waitForOutput(/ready at (\d+)/, 10_000))[1]).toBe('7');
    expect((await child.waitForOutput(/hello (\d+)/, 10_000))[1]).toBe('42');
    expect(await child.stop()).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it('fails the wait with the output when the child exits first', async () => {
    const child = node("console.error('listen: 127.0.0.1:1 is already in use'); process.exit(3)");
    await expect(child.waitForOutput(/listening/, 10_000)).rejects.toThrow(
      /test child exited with code 3:\n {2}listen: 127.0.0.1:1 is already in use/,
    );
  });

  it('escalates to SIGKILL when SIGTERM is ignored', async () => {
    const child = node("process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000)");
    await child.waitForOutput(/up/, 10_000);
    expect(await child.stop(200)).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('stops the whole process group of a shell command', async () => {
    const child = startChild({
      name: 'shell',
      command: '/bin/sh',
      args: [
        '-c',
        `${process.execPath} -e "console.log('grandchild', process.pid); setInterval(() => {}, 1000)"; echo never`,
      ],
      ownGroup: true,
    });
    const pid = Number((await child.waitForOutput(/grandchild (\d+)/, 10_000))[1]);
    expect(processRunning(pid)).toBe(true);
    await child.stop(2_000);
    // The grandchild got the group's SIGTERM too.
    await vi.waitFor(() => expect(processRunning(pid)).toBe(false), { timeout: 5_000 });
  });
});
