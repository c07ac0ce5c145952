// One emulator for a whole test file: started before its first test, reset before each, stopped after the last.
// Call at a file's top level (it registers vitest hooks); the returned object stands for the running emulator.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.ts';

export function fileEmulator(): Emulator {
  let running: Emulator | undefined;
  beforeAll(async () => {
    running = await startEmulator();
  });
  afterAll(async () => {
    await running?.stop();
  });
  beforeEach(() => running!.reset());
  return new Proxy({} as Emulator, {
    get(_, key) {
      if (!running) throw new Error('the emulator is not started yet: use it inside a test or hook');
      const value = Reflect.get(running, key, running) as unknown;
      return typeof value === 'function' ? value.bind(running) : value;
    },
  });
}
