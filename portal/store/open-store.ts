// Which store the configuration asks for: PostgreSQL when DATABASE_URL is set (several instances on one
// database), else the SQLite file (one instance, the embedded default). pg is only loaded when it is used.
import type { PortalConfig } from '../config/index.ts';
import { openSqliteStore } from './sqlite-store.ts';
import type { ResendStore } from './store.ts';

export async function openStore(config: Pick<PortalConfig, 'databasePath' | 'databaseUrl'>): Promise<ResendStore> {
  if (config.databaseUrl) {
    const { openPostgresStore } = await import('./postgres-store.ts');
    return openPostgresStore({ connectionString: config.databaseUrl });
  }
  return openSqliteStore({ path: config.databasePath });
}
