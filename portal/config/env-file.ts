// The optional .env file (or GUESTPASS_ENV_FILE): merged under the real environment, which wins.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from './types.ts';

export function readEnvFile(env: NodeJS.ProcessEnv, cwd: string, enabled: boolean): Record<string, string> {
  if (!enabled) return {};
  const explicit = env.GUESTPASS_ENV_FILE;
  const path = resolve(cwd, explicit ?? '.env');
  if (!existsSync(path)) {
    if (explicit) throw new ConfigError('GUESTPASS_ENV_FILE', `file not found: ${path}`);
    return {};
  }
  return definedOnly(parseEnv(readFileSync(path, 'utf8')));
}

export function definedOnly(env: NodeJS.Dict<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
