import { toCsv, type CsvValue } from '../../shared/metrics/csv.ts';

/** Saves a chart's data as a CSV file (a Blob URL clicked once, then revoked). */
export function downloadCsv(filename: string, columns: readonly string[], rows: readonly (readonly CsvValue[])[]): void {
  const url = URL.createObjectURL(new Blob([toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
