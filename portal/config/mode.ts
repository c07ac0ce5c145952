// Demo or live: decided once, fail-safe. The demo (the local Entra emulator's tenants) runs only when asked for with
// GUESTPASS_MODE=demo, or when nothing at all is configured. Anything that looks like an attempt at a real deployment
// (any GUESTPASS_* setting, a DATABASE_URL) without tenants is a start-up error — never a silent demo in production.
import { ConfigError } from './types.ts';

export type PortalMode = 'demo' | 'live';

/** Variables that say where to read settings from, not what the settings are: they alone do not make a deployment. */
const NOT_SETTINGS = new Set(['GUESTPASS_ENV_FILE', 'GUESTPASS_MODE']);

/** The mode the merged environment (real environment over the .env file) asks for. */
export function decideMode(env: Record<string, string | undefined>): PortalMode {
  const raw = env.GUESTPASS_MODE?.trim().toLowerCase();
  if (raw !== undefined && raw !== '') {
    if (raw !== 'demo' && raw !== 'live') throw new ConfigError('GUESTPASS_MODE', `must be "demo" or "live", got "${env.GUESTPASS_MODE}"`);
    if (raw === 'demo' && env.GUESTPASS_TENANTS !== undefined) {
      throw new ConfigError(
        'GUESTPASS_TENANTS',
        'is set, but GUESTPASS_MODE=demo serves only the emulator\'s demo tenants; remove one of the two (GUESTPASS_MODE=live serves your tenants)',
      );
    }
    return raw;
  }
  return settingsPresent(env).length === 0 ? 'demo' : 'live';
}

/** The names (never the values) of the settings that make this a deployment. */
function settingsPresent(env: Record<string, string | undefined>): string[] {
  return Object.keys(env)
    .filter((k) => (k === 'DATABASE_URL' || (k.startsWith('GUESTPASS_') && !NOT_SETTINGS.has(k))) && env[k] !== undefined)
    .sort();
}

/** In live mode a missing or empty tenants list is an error that says which settings made this a live start. */
export function requireTenants(env: Record<string, string | undefined>, count: number): void {
  if (count > 0) return;
  const raw = env.GUESTPASS_TENANTS;
  if (raw !== undefined) {
    throw new ConfigError('GUESTPASS_TENANTS', 'is empty: list at least one tenant (or unset every GUESTPASS_ setting, or set GUESTPASS_MODE=demo, for the demo)');
  }
  const why = env.GUESTPASS_MODE?.trim()
    ? 'GUESTPASS_MODE=live'
    : `other settings are present (${settingsPresent(env).join(', ')})`;
  throw new ConfigError(
    'GUESTPASS_TENANTS',
    `is required: ${why}, so this is a live start and there are no tenants to serve. Set GUESTPASS_TENANTS, or set GUESTPASS_MODE=demo for the demo`,
  );
}
