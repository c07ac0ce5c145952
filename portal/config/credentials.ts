// Per-tenant Graph credentials: looked up in the environment by the tenant's key (secrets live only there), with the
// tenants file's clientId/certificatePath/privateKeyPath as fallbacks; checked for completeness and existing files.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, GUID, type TenantCredentials } from './types.ts';

/** Env var suffix for a tenant key: `ezaz2281.onmicrosoft.com` → `EZAZ2281_ONMICROSOFT_COM`. */
export function envSuffix(key: string): string {
  return key.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/** What the tenants file may say about credentials (never a secret). */
export interface CredentialFields {
  clientId?: string | undefined;
  certificatePath?: string | undefined;
  privateKeyPath?: string | undefined;
}

/** The tenant's credentials, or undefined when none are given at all. `where` names the tenant entry in messages. */
export function readCredentials(
  key: string,
  entry: CredentialFields,
  where: string,
  env: Record<string, string | undefined>,
  cwd: string,
): TenantCredentials | undefined {
  const suffix = envSuffix(key);
  const clientId = env[`GUESTPASS_GRAPH_CLIENT_ID_${suffix}`]?.trim() || entry.clientId;
  const clientSecret = env[`GUESTPASS_GRAPH_SECRET_${suffix}`] || undefined;
  const certificatePath = env[`GUESTPASS_GRAPH_CERTIFICATE_${suffix}`]?.trim() || entry.certificatePath;
  const privateKeyPath = env[`GUESTPASS_GRAPH_PRIVATE_KEY_${suffix}`]?.trim() || entry.privateKeyPath;

  if (!(clientId || clientSecret || certificatePath || privateKeyPath)) return undefined;
  const idKey = `GUESTPASS_GRAPH_CLIENT_ID_${suffix}`;
  if (!clientId) throw new ConfigError(idKey, `is required when Graph credentials are given for ${key}`);
  if (!GUID.test(clientId)) throw new ConfigError(entry.clientId === clientId ? `${where}.clientId` : idKey, 'must be an application (client) GUID');
  if (!clientSecret && !certificatePath) {
    throw new ConfigError(
      `GUESTPASS_GRAPH_SECRET_${suffix}`,
      `is required for ${key} (or GUESTPASS_GRAPH_CERTIFICATE_${suffix} with a certificate path)`,
    );
  }
  for (const [name, path] of [
    [`GUESTPASS_GRAPH_CERTIFICATE_${suffix}`, certificatePath],
    [`GUESTPASS_GRAPH_PRIVATE_KEY_${suffix}`, privateKeyPath],
  ] as const) {
    if (path && !existsSync(resolve(cwd, path))) throw new ConfigError(name, `file not found: ${resolve(cwd, path)}`);
  }
  return {
    clientId: clientId.toLowerCase(),
    ...(clientSecret ? { clientSecret } : {}),
    ...(certificatePath ? { certificatePath: resolve(cwd, certificatePath) } : {}),
    ...(privateKeyPath ? { privateKeyPath: resolve(cwd, privateKeyPath) } : {}),
  };
}
