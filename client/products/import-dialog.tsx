/**
 * CSV import: pick a file, send its text, and either see what was created and updated or every problem by line and
 * column. A failed import writes nothing, which the dialog says plainly.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { apiError } from '../lib/api-errors.ts';
import { useTRPC } from '../trpc.ts';
import { Button } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';

interface ImportProblem {
  line: number;
  column: number | null;
  columnName: string | null;
  message: string;
}

/** The server's `details` of an INVALID_INPUT import (see services/products/import-csv.ts), read defensively. */
function importProblems(err: unknown): { errors: ImportProblem[]; errorCount: number } | null {
  const details = (err as { data?: { details?: unknown } } | null)?.data?.details as { errors?: unknown; errorCount?: unknown } | undefined;
  if (!details || !Array.isArray(details.errors)) return null;
  return { errors: details.errors as ImportProblem[], errorCount: typeof details.errorCount === 'number' ? details.errorCount : details.errors.length };
}

export function ImportDialog({ companySlug, open, onClose }: { companySlug: string; open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const inputId = useId();
  const importCsv = useMutation(
    trpc.products.importCsv.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.products.pathKey() }),
    }),
  );
  const problems = importCsv.isError ? importProblems(importCsv.error) : null;

  function close() {
    importCsv.reset();
    setFile(null);
    onClose();
  }

  async function submit() {
    if (!file) return;
    importCsv.mutate({ companySlug, filename: file.name, csv: await file.text() });
  }

  return (
    <Dialog open={open} onClose={close} title="Import products from CSV" description="One product per row. Known SKUs are updated, new ones created; if any row has a problem, nothing is imported." data-testid="import-dialog">
      <div className="flex flex-col gap-4">
        <div className="flex flex-col gap-1.5">
          <label htmlFor={inputId} className="font-medium text-zinc-800">
            CSV file
          </label>
          <input
            id={inputId}
            type="file"
            accept=".csv,text/csv"
            data-testid="import-file"
            onChange={(e) => {
              importCsv.reset();
              setFile(e.target.files?.[0] ?? null);
            }}
            className="text-sm file:mr-3 file:rounded-md file:border-0 file:bg-zinc-100 file:px-3 file:py-2 file:font-medium file:text-zinc-800 hover:file:bg-zinc-200"
          />
          <p className="text-xs text-zinc-500">
            Columns: <code>sku</code>, <code>category</code>, <code>title</code> (required), then <code>gtin</code>, <code>brand</code> and any attribute code. Separate bullets with <code>|</code>.
          </p>
        </div>

        {importCsv.isSuccess && (
          <p role="status" data-testid="import-result" className="rounded-md bg-emerald-50 px-3 py-2 text-emerald-900">
            Imported {importCsv.data.rowCount} rows: {importCsv.data.created} created, {importCsv.data.updated} updated, {importCsv.data.unchanged} unchanged.
          </p>
        )}
        {importCsv.isError && !problems && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
            {apiError(importCsv.error).message}
          </p>
        )}
        {problems && (
          <div role="alert" data-testid="import-errors" className="rounded-md border border-red-200 bg-red-50">
            <p className="px-3 py-2 font-medium text-red-900">
              {problems.errorCount} problem{problems.errorCount === 1 ? '' : 's'} found; nothing was imported.
              {problems.errorCount > problems.errors.length && ` The first ${problems.errors.length} are listed.`}
            </p>
            <div className="max-h-64 overflow-y-auto border-t border-red-200 bg-white">
              <table className="w-full text-left text-xs">
                <thead className="sticky top-0 bg-zinc-50 text-zinc-500">
                  <tr>
                    <th scope="col" className="px-3 py-1.5 font-medium">Line</th>
                    <th scope="col" className="px-3 py-1.5 font-medium">Column</th>
                    <th scope="col" className="px-3 py-1.5 font-medium">Problem</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-zinc-100">
                  {problems.errors.map((p, i) => (
                    <tr key={i} data-testid="import-error">
                      <td className="px-3 py-1.5 tabular-nums">{p.line}</td>
                      <td className="px-3 py-1.5">{p.column ? `${p.column}${p.columnName ? ` (${p.columnName})` : ''}` : (p.columnName ?? '—')}</td>
                      <td className="px-3 py-1.5 text-zinc-800">{p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}

        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={close}>
            {importCsv.isSuccess ? 'Done' : 'Cancel'}
          </Button>
          <Button variant="primary" data-testid="import-submit" disabled={!file || importCsv.isPending} onClick={() => void submit()}>
            {importCsv.isPending ? 'Importing…' : 'Import'}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
