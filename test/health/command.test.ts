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
import { PLANTED_FINDINGS } from '../emulator/seed-health.ts';

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
  // Each demo tenant, both exports: exactly its planted findings (test/emulator/seed-health.ts), the exit code of the
  // worst one, and the CSV row for row the same findings as the JSON.
  const TENANTS = [
    { name: 'demo', key: DEMO_TENANT.domain, id: DEMO_TENANT.id, by: DEMO_TENANT.domain, exit: EXIT.warnings },
    { name: 'partner', key: PARTNER_TENANT.domain, id: PARTNER_TENANT.id, by: PARTNER_TENANT.id, exit: EXIT.ok },
    { name: 'free', key: FREE_TENANT.domain, id: FREE_TENANT.id, by: FREE_TENANT.domain, exit: EXIT.critical },
  ] as const;
  const SEVERITIES = ['ok', 'info', 'warning', 'critical'];
  const worst = (findings: Record<string, string>) => SEVERITIES[Math.max(...Object.values(findings).map((s) => SEVERITIES.indexOf(s)))];

  for (const t of TENANTS) {
    it(`the ${t.name} tenant (--tenant ${t.by === t.id ? 'its GUID' : 'its domain'}): exit ${t.exit}; JSON and CSV hold exactly its planted findings`, async () => {
      const json = await run(['--tenant', t.by, '--json']);
      expect(json.code, json.err).toBe(t.exit);
      const report = JSON.parse(json.out) as HealthReport;
      expect(report.tenant).toMatchObject({ key: t.key, id: t.id });
      expect(report.overall).toBe(worst(PLANTED_FINDINGS[t.name]));
      expect(Object.fromEntries(report.findings.map((f) => [f.id, f.severity]))).toEqual(PLANTED_FINDINGS[t.name]);
      expect(report.findings.map((f) => f.id)).toEqual(Object.keys(PLANTED_FINDINGS[t.name]));

      const csv = await run(['--tenant', t.by, '--csv']);
      expect(csv.code, csv.err).toBe(t.exit);
      const [header, ...rows] = parseCsv(csv.out);
      expect(header).toEqual([...CSV_COLUMNS]);
      const column = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
      expect(rows.map((r) => r[column('tenant')])).toEqual(rows.map(() => t.key));
      expect(Object.fromEntries(rows.map((r) => [r[column('check')], r[column('severity')]]))).toEqual(PLANTED_FINDINGS[t.name]);
      expect(rows.map((r) => [r[column('check')], r[column('title')]])).toEqual(report.findings.map((f) => [f.id, f.title]));
    }, 60_000);
  }

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
