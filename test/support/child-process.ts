// A TypeScript script in its own Node process (tsx), for the suites and benches that need real processes (kill -9,
// several portal instances): `ready` resolves with the first match of `readyPattern` on its stdout (the capture
// group, or the whole match), and rejects with its stderr when it exits before that.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ScriptProcess {
  child: ChildProcess;
  ready: Promise<string>;
  /** Exit code (null after a signal such as kill -9). */
  exited: Promise<number | null>;
  stderr(): string;
}

export function spawnScript(
  script: string,
  options: { env: Record<string, string>; readyPattern: RegExp; ipc?: boolean; stderr?: 'capture' | 'inherit' },
): ScriptProcess {
  const inherit = options.stderr === 'inherit';
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', inherit ? 'inherit' : 'pipe', ...(options.ipc ? (['ipc'] as const) : [])],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const ready = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = options.readyPattern.exec(out);
      if (match) resolve(match[1] ?? match[0]);
    });
    child.once('exit', (code, signal) => reject(new Error(`${script} exited before it was ready (${code ?? signal}): ${stderr.slice(0, 3000)}`)));
  });
  ready.catch(() => {}); // callers that never await ready (a process killed on purpose) must not see an unhandled rejection
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited, stderr: () => stderr };
}
