// The report as JSON (the admin API's and `--json`'s shape) and CSV (one row per finding, for spreadsheets).
// CSV cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) are prefixed with ' (OWASP CSV
// injection): examples carry guests' display names, which guests choose themselves.
import type { HealthReport } from './types.ts';

export function reportToJson(report: HealthReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const CSV_COLUMNS = ['tenant', 'generatedAt', 'check', 'severity', 'title', 'summary', 'counts', 'examples', 'fix', 'learnMore', 'missingPermission'] as const;

export function reportToCsv(report: HealthReport): string {
  const rows = report.findings.map((f) => [
    report.tenant.key,
    report.generatedAt,
    f.id,
    f.severity,
    f.title,
    f.evidence.summary,
    Object.entries(f.evidence.counts).map(([k, v]) => `${k}=${v}`).join('; '),
    f.evidence.examples.join(' | '),
    f.fix.join(' | '),
    f.learnMore,
    f.missingPermission ?? '',
  ]);
  return [CSV_COLUMNS as readonly string[], ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
