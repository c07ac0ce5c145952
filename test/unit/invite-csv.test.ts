// An admin's invitation CSV as spreadsheets write it, and each row's verdict before anything is sent (issue 13
// "Invite directly"). Over HTTP with the real queue: test/portal/admin-invitations.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CSV_ROWS, readInviteCsv, type InviteCsvRow } from '../../portal/admin/invite-csv.ts';
import { countVerdicts, ENTRA_PLUS_WORDING, judgeInviteRows } from '../../portal/admin/invite-verdicts.ts';

function rows(text: string): InviteCsvRow[] {
  const read = readInviteCsv(text);
  if (!read.ok) throw new Error(`expected rows, got ${read.code}: ${read.detail}`);
  return read.rows;
}

const judge = (text: string, invitedBefore: string[] = [], resendPending = false) =>
  judgeInviteRows(rows(text), { invitedBefore: new Map(invitedBefore.map((a) => [a, { jobId: `job-${a}` }])), resendPending });

describe('reading an invitation CSV', () => {
  it('Excel\'s UTF-8 export: BOM, CRLF, quoted commas and doubled quotes, header names in any case', () => {
    const text = '\uFEFFE-Mail,Display Name,Message,Redirect URL,LANGUAGE\r\nann@contoso.com,"Doe, Ann","Say ""hi""",https://contoso.com/start,de\r\nbob@fabrikam.com,Bob\r\n';
    expect(rows(text)).toEqual([
      { row: 1, line: 2, email: 'ann@contoso.com', displayName: 'Doe, Ann', message: 'Say "hi"', redirectUrl: 'https://contoso.com/start', language: 'de' },
      { row: 2, line: 3, email: 'bob@fabrikam.com', displayName: 'Bob' },
    ]);
  });

  it('European Excel: a `sep=;` first line, or semicolons without it; line numbers are the file\'s', () => {
    expect(rows('sep=;\r\nemail;name\r\nann@contoso.com;Ann, Doe\r\n')).toEqual([{ row: 1, line: 3, email: 'ann@contoso.com', displayName: 'Ann, Doe' }]);
    expect(rows('Email;Name\nann@contoso.com;Ann\n\nbob@contoso.com;Bob\n').map((r) => [r.row, r.line])).toEqual([[1, 2], [2, 4]]);
    expect(rows('email\tname\nann@contoso.com\tAnn\n')[0]).toMatchObject({ email: 'ann@contoso.com', displayName: 'Ann' });
  });

  it('unknown columns are ignored and named; a file without an email column is refused with what it found', () => {
    const read = readInviteCsv('email,department\nann@contoso.com,Sales\n');
    expect(read).toMatchObject({ ok: true, ignoredColumns: ['department'] });
    expect(readInviteCsv('name,phone\nAnn,123\n')).toMatchObject({ ok: false, status: 400, code: 'no-email-column', detail: expect.stringContaining('"name", "phone"') });
  });

  it('malformed CSV is a 400 naming the line, never an exception', () => {
    expect(readInviteCsv('email,name\nann@contoso.com,"Ann\nbob@contoso.com,Bob\n')).toMatchObject({ ok: false, status: 400, code: 'malformed-csv', detail: expect.stringMatching(/quoted field is never closed/) });
    expect(readInviteCsv('email,name\nann@contoso.com,An"n\n')).toMatchObject({ ok: false, status: 400, code: 'malformed-csv', detail: expect.stringMatching(/^Line 2: /) });
    expect(readInviteCsv('PK\u0003\u0004\u0014\u0000binary')).toMatchObject({ ok: false, status: 400, code: 'not-csv' });
    expect(readInviteCsv('  \r\n')).toMatchObject({ ok: false, status: 400, code: 'empty-csv' });
  });

  it(`at most ${MAX_CSV_ROWS} rows: one more is a 413 that says how to split`, () => {
    const file = (n: number) => `email\n${Array.from({ length: n }, (_, i) => `guest${i}@contoso.com`).join('\n')}\n`;
    expect(rows(file(MAX_CSV_ROWS))).toHaveLength(MAX_CSV_ROWS);
    expect(readInviteCsv(file(MAX_CSV_ROWS + 1))).toMatchObject({ ok: false, status: 413, code: 'too-many-rows', detail: expect.stringContaining('Split it') });
  });

  it('any text at all gives rows or a 4xx refusal, never a throw', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '@', '.', ',', ';', '"', '\n', '\r', ' ', '\uFEFF', 'e', 'm', 'i', 'l', '=', 's', 'p') , maxLength: 80 }), (tail) => {
        for (const text of [tail, `email,name\n${tail}`, `sep=;\n${tail}`]) {
          const read = readInviteCsv(text);
          if (!read.ok) expect([400, 413]).toContain(read.status);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('each row\'s verdict', () => {
  it('a `+` address is flagged with Microsoft\'s own words; other special characters too', () => {
    const [plus, hash] = judge('email\njane+work@gmail.com\njane#1@gmail.com\n');
    expect(plus).toMatchObject({ verdict: 'entra-rejects', why: expect.stringContaining(ENTRA_PLUS_WORDING) });
    expect(ENTRA_PLUS_WORDING).toContain("doesn't currently support plus symbols in email addresses");
    expect(hash).toMatchObject({ verdict: 'entra-rejects', why: expect.stringContaining('"#"') });
  });

  it('missing, not an address, too long, duplicate within the file (case-insensitive), redirect not https', () => {
    const verdicts = judge(
      ['email,redirect', ',https://contoso.com/x', 'not an address,', `${'a'.repeat(65)}@contoso.com,`, 'Ann@Contoso.com,', 'ann@CONTOSO.COM,', 'bob@contoso.com,http://contoso.com', 'cy@contoso.com,/relative', 'dee@contoso.com,https://contoso.com/x'].join('\n'),
    ).map((r) => [r.verdict, r.why ?? '']);
    expect(verdicts.map(([v]) => v)).toEqual(['missing', 'invalid', 'too-long', 'invite', 'duplicate', 'bad-redirect', 'bad-redirect', 'invite']);
    expect(verdicts[4]![1]).toContain('row 4');
    expect(verdicts[5]![1]).toContain('https://');
  });

  it('a display name Entra would not take (over 256 characters, or with a line break) is refused with the reason', () => {
    const [long, broken, fine] = judge(`email,name\na@contoso.com,${'x'.repeat(257)}\nb@contoso.com,"Two\nLines"\nc@contoso.com,Fine\n`);
    expect(long).toMatchObject({ verdict: 'bad-display-name', why: expect.stringContaining('256') });
    expect(broken).toMatchObject({ verdict: 'bad-display-name', why: expect.stringContaining('line break') });
    expect(fine).toMatchObject({ verdict: 'invite', displayName: 'Fine' });
  });

  it('already invited by guestpass: skipped by default, "will re-send" when the admin asks for pending ones again', () => {
    const text = 'email\nann@contoso.com\nbob@contoso.com\n';
    expect(judge(text, ['ann@contoso.com']).map((r) => r.verdict)).toEqual(['already-invited', 'invite']);
    expect(judge(text, ['ann@contoso.com'], true).map((r) => r.verdict)).toEqual(['resend', 'invite']);
    expect(countVerdicts(judge(text, ['ann@contoso.com'], true))).toEqual({ rows: 2, send: 2, invite: 1, resend: 1, alreadyInvited: 0, rejected: 0 });
  });

  it('the language column becomes Graph\'s culture code; an unknown one is omitted with a note, not refused', () => {
    const [de, ja, xx] = judge('email,language\na@contoso.com,DE\nb@contoso.com,ja-JP\nc@contoso.com,klingon\n');
    expect(de).toMatchObject({ verdict: 'invite', messageLanguage: 'de-DE' });
    expect(ja).toMatchObject({ messageLanguage: 'ja-JP' });
    expect(xx).toMatchObject({ verdict: 'invite', notes: [expect.stringContaining('klingon')] });
    expect(xx!.messageLanguage).toBeUndefined();
  });
});
