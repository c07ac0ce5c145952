// The report as plain text for a terminal or a scheduled job's mail: worst first, evidence, steps, link.
import type { HealthReport, Severity } from './types.ts';

/** Display names and addresses come from guests: no control characters (ANSI escapes) reach the terminal. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd');
}

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2, ok: 3 };

export function formatReport(report: HealthReport): string {
  const lines = [
    `guestpass health check — ${report.tenant.displayName} (${report.tenant.key}) at ${report.generatedAt}`,
    `Overall: ${report.overall.toUpperCase()}${report.complete ? '' : ' (INCOMPLETE: some reads failed)'} · ${report.graphRequests} Graph requests`,
  ];
  if (report.guests) {
    const g = report.guests;
    lines.push(`Guests: ${g.total} (${g.accepted} accepted, ${g.pending} pending${g.stale === null ? '' : `, ${g.stale} stale, ${g.neverSignedIn} never signed in`})`);
  }
  for (const f of [...report.findings].sort((a, b) => RANK[a.severity] - RANK[b.severity])) {
    lines.push('', `[${f.severity.toUpperCase()}] ${f.title}`, `  ${f.evidence.summary}`);
    for (const example of f.evidence.examples) lines.push(`  - ${example}`);
    if (f.fix.length > 0) lines.push('  Fix:', ...f.fix.map((step, i) => `    ${i + 1}. ${step}`));
    lines.push(`  Learn more: ${f.learnMore}`);
  }
  return `${lines.map(clean).join('\n')}\n`;
}
