/**
 * Compile-time proof that the catalog is sealed: checked by `tsc --noEmit` (the test command's typecheck step),
 * never run. Each `@ts-expect-error` fails the typecheck if the line below it starts to compile.
 */
import { expectTypeOf } from 'vitest';
import { dataOf, makeEvent, productUploaded, taskCreated, type CatalogEvent, type EventData } from './index.ts';

const companyId = '00000000-0000-4000-8000-000000000000';
export const ok: CatalogEvent[] = [makeEvent(taskCreated, 'task-created:1', { companyId, taskId: companyId })];

// An unknown name is not an event of the catalog.
// @ts-expect-error 'task/made' is not a catalog name
export const unknownName: CatalogEvent = { id: 'x', name: 'task/made', data: { companyId, taskId: companyId } };

// A missing field does not compile.
// @ts-expect-error taskId is required
makeEvent(taskCreated, 'x', { companyId });

// A wrong type does not compile.
// @ts-expect-error taskId is a string
makeEvent(taskCreated, 'x', { companyId, taskId: 42 });

// A field the schema does not declare does not compile either (excess property check).
// @ts-expect-error no such field
makeEvent(taskCreated, 'x', { companyId, taskId: companyId, assignee: 'me' });

// A consumer reading a field that does not exist is a compile error.
export function consumer(e: CatalogEvent) {
  const data = dataOf(e, 'product/uploaded');
  expectTypeOf(data.productIds).toEqualTypeOf<string[]>();
  // @ts-expect-error product/uploaded has no `taskId`
  return data.taskId;
}

// Optional fields stay optional: adding one breaks no sender.
expectTypeOf<EventData<typeof productUploaded>['importBatchId']>().toEqualTypeOf<string | undefined>();
// A name narrows the union.
expectTypeOf<Extract<CatalogEvent, { name: 'task/created' }>['data']>().toEqualTypeOf<{ companyId: string; taskId: string }>();
