/** RFC 4180 CSV of a chart's rows: a header line, then one line per row; fields quoted when they need it. */
export type CsvValue = string | number | boolean | null | undefined;

export function toCsv(columns: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const field = (v: CsvValue) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    // A leading =, +, - or @ would be a formula in a spreadsheet: prefix with ' (OWASP CSV injection).
    const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [columns, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
