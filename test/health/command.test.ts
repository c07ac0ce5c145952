// `npm run health`: exit codes and the JSON / CSV exports on the three demo tenants (no configuration → the
// emulator's demo world, started in-process), and what happens when it cannot run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoHealthWorld } from '../../demo/health.ts';
import { EXIT, runHealthCommand } from '../../portal/health/cli.ts';
import { csvCell, CSV_COLUMNS } from '../../portal/health/export.ts';
import type { HealthReport } from '../../portal/health/types.ts';
import { DEMO_TENANT, PARTNER_TENANT } from '../emulator/demo-tenant.ts';
import { FREE_TENANT } from '../emulator/free-tenant.ts';

/** An empty .env and no other GUESTPASS_* variables: demo mode. */
function demoEnv(): NodeJS.ProcessEnv {
  const file = join(mkdtempSync(join(tmpdir(), 'guestpass-health-')), 'empty.env');
  writeFileSync(file, '');
  return { GUESTPASS_ENV_FILE: file };
}

async function run(args: string[], env: NodeJS.ProcessEnv = demoEnv()): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runHealthCommand(args, env, { out: (t) => (out += t), err: (t) => (err += t) }, demoHealthWorld);
  return { code, out, err };
}

/** RFC 4180 parsing, enough for our own output. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  return rows;
}

describe('npm run health', () => {
  it('the demo tenant: exit 1 (warnings), JSON with the eight findings', async () => {
    const { code, out } = await run(['--tenant', DEMO_TENANT.domain, '--json']);
    expect(code).toBe(EXIT.warnings);
    const report = JSON.parse(out) as HealthReport;
    expect(report.tenant).toMatchObject({ key: DEMO_TENANT.domain, id: DEMO_TENANT.id });
    expect(report.overall).toBe('warning');
    expect(report.findings.map((f) => f.id)).toEqual(['who-may-invite', 'guest-access-level', 'email-one-time-passcode', 'guest-mfa', 'usage-location', 'pending-invitations', 'stale-guests', 'guest-directory-roles']);
  });

  it('the partner tenant by its GUID: exit 0; CSV has a header and one row per finding, nothing above info', async () => {
    const { code, out } = await run(['--tenant', PARTNER_TENANT.id, '--csv']);
    expect(code).toBe(EXIT.ok);
    const rows = parseCsv(out);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(9);
    expect(new Set(rows.slice(1).map((r) => r[3]))).toEqual(new Set(['ok', 'info']));
  });

  it('the free-tier tenant: exit 2 (critical: MFA policy without P1); the text report lists the critical finding first', async () => {
    const { code, out } = await run(['--tenant', FREE_TENANT.domain]);
    expect(code).toBe(EXIT.critical);
    expect(out).toMatch(/Overall: CRITICAL/);
    expect(out.split('\n').find((l) => l.startsWith('['))).toMatch(/^\[CRITICAL\] A guest-MFA policy exists but is NOT enforced/);
  });

  it('cannot run → exit 3 with the reason: unknown tenant, missing --tenant, bad options, invalid configuration', async () => {
    const unknown = await run(['--tenant', 'contoso.com']);
    expect(unknown).toMatchObject({ code: EXIT.couldNotRun });
    expect(unknown.err).toContain(`configured: ${DEMO_TENANT.domain}, ${PARTNER_TENANT.domain}, ${FREE_TENANT.domain}`);
    expect((await run([])).err).toContain('--tenant is required');
    expect((await run(['--tenant', DEMO_TENANT.domain, '--json', '--csv'])).code).toBe(EXIT.couldNotRun);
    expect((await run(['--tenat', 'x'])).code).toBe(EXIT.couldNotRun);
    const badConfig = await run(['--tenant', 'x'], { ...demoEnv(), GUESTPASS_MODE: 'sideways' });
    expect(badConfig.code).toBe(EXIT.couldNotRun);
    expect(badConfig.err).toContain('GUESTPASS_MODE');
  });

  it('CSV cells a spreadsheet would run as formulas are neutralised', () => {
    expect(csvCell('=HYPERLINK("https://evil.example","click")')).toBe(`"'=HYPERLINK(""https://evil.example"",""click"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('Jane, Doe')).toBe('"Jane, Doe"');
    expect(csvCell('plain')).toBe('plain');
  });

  // From source (`health:dev`, tsx); the built `npm run health` on production dependencies: test/portal/relocatable.test.ts.
  it('as a real process: `npm run health:dev -- --tenant … --json` exits with the code and prints the JSON', () => {
    const result = spawnSync('npm', ['run', '--silent', 'health:dev', '--', '--tenant', FREE_TENANT.domain, '--json'], { cwd: process.cwd(), env: { ...process.env, ...demoEnv() }, encoding: 'utf8', timeout: 120_000 });
    expect(result.status).toBe(EXIT.critical);
    expect((JSON.parse(result.stdout) as HealthReport).overall).toBe('critical');
  }, 150_000);
});
