/**
 * RFC 4180 CSV reading that remembers where each record started, so errors name the line a person sees in their
 * spreadsheet or editor (a quoted field may span lines). Quotes are doubled inside quoted fields; CRLF or LF.
 */
export interface CsvRecord {
  /** 1-based line number where the record starts. */
  line: number;
  cells: string[];
}

export type CsvParse = { ok: true; records: CsvRecord[] } | { ok: false; line: number; column: number; message: string };

export function parseCsv(text: string): CsvParse {
  const records: CsvRecord[] = [];
  let line = 1;
  let recordLine = 1;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let cellStartedQuoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a BOM from spreadsheet exports
  const n = text.length;
  const endRecord = () => {
    cells.push(cell);
    // A blank line is not a record.
    if (!(cells.length === 1 && cells[0] === '' && !cellStartedQuoted)) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    cellStartedQuoted = false;
  };
  for (; i < n; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
          const next = text[i + 1];
          if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
            return { ok: false, line, column: cells.length + 1, message: 'a closing quote must end the field' };
          }
        }
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (cell !== '') return { ok: false, line, column: cells.length + 1, message: 'a quote may only start a field' };
      quoted = true;
      cellStartedQuoted = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
      cellStartedQuoted = false;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += ch;
    }
  }
  if (quoted) return { ok: false, line: recordLine, column: cells.length + 1, message: 'a quoted field is never closed' };
  if (cell !== '' || cells.length > 0 || cellStartedQuoted) endRecord();
  return { ok: true, records };
}

/** Quotes a cell when it must be (comma, quote or line break), for writing CSV. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
