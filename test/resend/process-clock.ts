// The test's clock across processes (the kill -9 suite): the test process owns the time; a worker process keeps a
// copy that moves only when the test sends it a new reading, and reports its sleeps back, so the test moves time
// on when every slot of the worker is asleep — the same rule as drain() in one process. It lives in test/: a clock
// that another process controls is never a setting production can reach.
import type { ChildProcess } from 'node:child_process';
import { testClock, type TestClock } from './support.ts';

interface SleepReport {
  at: number;
  sleeping: number;
  nextWake: number | null;
}

/** In the worker process: a test clock that starts at `start` and follows the parent's readings (IPC). */
export function clockFromParent(start: number): TestClock {
  if (!process.send) throw new Error('clockFromParent needs an IPC channel to the test process');
  const report = () => {
    const message: SleepReport = { at: clock.now(), sleeping: clock.sleeping(), nextWake: clock.nextWake() ?? null };
    if (process.connected) process.send!(message);
  };
  const clock: TestClock = testClock(start, { onChange: report });
  process.on('message', (message: { now?: number }) => {
    if (typeof message.now === 'number' && message.now > clock.now()) clock.advance(message.now - clock.now());
  });
  return clock;
}

/**
 * In the test process: moves `clock` to the worker's next wake-up whenever all its `slots` sleep (as of the time
 * the worker has seen), and sends the new reading. Stops with the child.
 */
export function driveChildClock(child: ChildProcess, clock: TestClock, slots: number): void {
  child.on('error', () => {}); // a send racing the child's death
  child.on('message', (report: SleepReport) => {
    if (report.at !== clock.now() || report.sleeping < slots || report.nextWake === null) return;
    clock.advance(report.nextWake - clock.now());
    if (child.connected) child.send({ now: clock.now() });
  });
}
