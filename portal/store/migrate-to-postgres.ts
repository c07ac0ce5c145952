// `npm run db:migrate-to-postgres -- --from ./data/guestpass.sqlite --to "$DATABASE_URL"`: copies a SQLite store
// into PostgreSQL (see copy-to-postgres.ts). --to defaults to DATABASE_URL. Progress goes to stderr; the URL (which
// may carry a password) is never printed.
import { parseArgs } from 'node:util';
import { copySqliteToPostgres } from './copy-to-postgres.ts';

const USAGE = 'usage: npm run db:migrate-to-postgres -- --from <sqlite file> [--to postgres://user:password@host:port/db]';

async function run(): Promise<number> {
  let values: { from?: string; to?: string };
  try {
    ({ values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } }, strict: true }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const to = values.to ?? process.env.DATABASE_URL;
  if (!values.from || !to) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (!/^postgres(ql)?:\/\//.test(to)) {
    process.stderr.write('--to must be a postgres:// URL\n');
    return 2;
  }
  try {
    const report = await copySqliteToPostgres({ from: values.from, to, progress: (line) => process.stderr.write(`${line}\n`) });
    process.stdout.write(`${JSON.stringify({ copied: report.rows })}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`migration to PostgreSQL failed, nothing was changed in the target: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await run();
