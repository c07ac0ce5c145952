// Reads an admin's invitation CSV (issue 13 "Invite directly") into rows, with csv-parse doing the RFC 4180 work
// (quoted commas, doubled quotes, line breaks inside quotes, CRLF, a UTF-8 BOM). Around it, what spreadsheets add:
// Excel's `sep=;` first line, semicolon- or tab-separated exports (European Excel), header names in any case and
// spelling ("E-mail", "Display Name", "redirectUrl"), and a clear refusal for what is not a CSV at all.
import { CsvError, parse } from 'csv-parse/sync';

export const MAX_CSV_ROWS = 1_000;
/** Longest accepted record (characters): a row is an address, a name, a message and a URL, not a document. */
const MAX_RECORD_CHARS = 20_000;

export type InviteColumn = 'email' | 'displayName' | 'message' | 'redirectUrl' | 'language';

/** Header spellings per column, compared without case, spaces, hyphens and underscores. */
const HEADER_NAMES: Record<InviteColumn, readonly string[]> = {
  email: ['email', 'emailaddress', 'mail', 'address', 'invitedemail', 'invitedemailaddress', 'inviteduseremailaddress'],
  displayName: ['displayname', 'name', 'fullname', 'inviteduserdisplayname'],
  message: ['message', 'personalmessage', 'custommessage', 'invitationmessage', 'customizedmessagebody'],
  redirectUrl: ['redirect', 'redirecturl', 'redirecturi', 'inviteredirecturl'],
  language: ['language', 'lang', 'locale', 'messagelanguage'],
};

/** One data row as the file has it (fields trimmed; absent columns undefined). `row` counts data rows from 1. */
export interface InviteCsvRow {
  row: number;
  /** The file's line where the row ends (where it starts, unless a quoted cell spans lines). */
  line: number;
  email: string;
  displayName?: string;
  message?: string;
  redirectUrl?: string;
  language?: string;
}

export type InviteCsvResult =
  | { ok: true; rows: InviteCsvRow[]; delimiter: string; ignoredColumns: string[] }
  | { ok: false; status: 400 | 413; code: string; title: string; detail: string };

const refuse = (status: 400 | 413, code: string, title: string, detail: string): InviteCsvResult => ({ ok: false, status, code, title, detail });

const headerKey = (name: string) => name.trim().toLowerCase().replace(/[\s_\-.]/g, '');

function columnOf(header: string): InviteColumn | undefined {
  const key = headerKey(header);
  return (Object.keys(HEADER_NAMES) as InviteColumn[]).find((c) => HEADER_NAMES[c].includes(key));
}

/** `sep=;` (Excel's hint, first line) wins; else the header line's separator: comma, or semicolon/tab when it has no comma. */
function delimiterOf(text: string): { delimiter: string; body: string; lineOffset: number } {
  const sep = /^sep=(.)\r?\n/i.exec(text);
  if (sep) return { delimiter: sep[1]!, body: text.slice(sep[0].length), lineOffset: 1 };
  const header = text.slice(0, text.search(/\r?\n|$/));
  if (!header.includes(',')) {
    if (header.includes(';')) return { delimiter: ';', body: text, lineOffset: 0 };
    if (header.includes('\t')) return { delimiter: '\t', body: text, lineOffset: 0 };
  }
  return { delimiter: ',', body: text, lineOffset: 0 };
}

const CSV_ERRORS: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a closing quote is followed by more text (write a quote inside a quoted field as "")',
  INVALID_OPENING_QUOTE: 'a quote appears in the middle of an unquoted field (quote the whole field and double the quote)',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a closing quote is followed by more text (write a quote inside a quoted field as "")',
  CSV_MAX_RECORD_SIZE: `a row is longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters`,
};

export function readInviteCsv(input: string): InviteCsvResult {
  const text = input.replace(/^\uFEFF/, '');
  if (text.startsWith('PK\u0003\u0004') || text.startsWith('\uFFFD\uFFFD') || text.includes('\u0000')) {
    return refuse(400, 'not-csv', 'This is not a CSV file', 'It looks like a spreadsheet workbook or another binary file. In Excel: File → Save As → "CSV UTF-8 (Comma delimited)", then upload that file.');
  }
  if (text.trim() === '') return refuse(400, 'empty-csv', 'The file is empty', 'Upload a CSV whose first line names the columns (at least "email"), one guest per line after it.');
  const { delimiter, body, lineOffset } = delimiterOf(text);

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, {
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
      info: true,
      max_record_size: MAX_RECORD_CHARS,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? error.lines + lineOffset : undefined;
    const why = CSV_ERRORS[error.code] ?? 'the file is not valid CSV';
    return refuse(400, 'malformed-csv', 'The CSV could not be read', `${line ? `Line ${line}: ` : ''}${why}. Nothing was previewed or sent.`);
  }

  const [header, ...data] = records;
  if (!header) return refuse(400, 'empty-csv', 'The file is empty', 'Upload a CSV whose first line names the columns (at least "email"), one guest per line after it.');
  const columns = header.record.map(columnOf);
  const emailAt = columns.indexOf('email');
  if (emailAt === -1) {
    return refuse(400, 'no-email-column', 'No "email" column', `The first line must name the columns; one of them "email". Found: ${header.record.map((h) => `"${h.slice(0, 40)}"`).join(', ').slice(0, 300) || 'nothing'}.`);
  }
  const duplicate = columns.find((c, i) => c && columns.indexOf(c) !== i);
  if (duplicate) return refuse(400, 'duplicate-column', 'A column is named twice', `Two header cells both mean "${duplicate}"; keep one.`);
  if (data.length > MAX_CSV_ROWS) {
    return refuse(413, 'too-many-rows', `More than ${MAX_CSV_ROWS.toLocaleString('en')} rows`, `The file has ${data.length.toLocaleString('en')} guests; one upload takes at most ${MAX_CSV_ROWS.toLocaleString('en')}. Split it into several files.`);
  }

  const at = (record: string[], column: InviteColumn) => {
    const i = columns.indexOf(column);
    const value = i === -1 ? undefined : record[i];
    return value === undefined || value === '' ? undefined : value;
  };
  const rows = data.map(({ record, info }, index): InviteCsvRow => {
    const row: InviteCsvRow = { row: index + 1, line: info.lines + lineOffset, email: record[emailAt] ?? '' };
    for (const column of ['displayName', 'message', 'redirectUrl', 'language'] as const) {
      const value = at(record, column);
      if (value !== undefined) row[column] = value;
    }
    return row;
  });
  const ignoredColumns = header.record.filter((h, i) => !columns[i] && h !== '');
  return { ok: true, rows, delimiter, ignoredColumns };
}
