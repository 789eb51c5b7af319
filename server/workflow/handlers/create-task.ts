import { sql } from 'drizzle-orm';
import { createTaskStep } from '../../../shared/steps/kinds/create-task.ts';
import { withCompany } from '../../db/tx.ts';
import { defineHandler } from './types.ts';

/** One task per run and step: the dedupe key makes a retried step find the task it already made. */
export const createTaskHandler = defineHandler(createTaskStep, async (ctx, config) => {
  const dedupeKey = `run:${ctx.runId}:step:${ctx.stepId}`;
  const task = await withCompany(ctx.db, ctx.companyId, async (tx) => {
    await tx.execute(sql`
      insert into tasks (company_id, type, title, description, priority, assignee_role, run_id, step_id, dedupe_key)
      values (${ctx.companyId}, 'manual', ${config.title}, ${config.description ?? ''}, ${config.priority}, ${config.assigneeRole ?? null},
              ${ctx.runId}, ${ctx.stepId}, ${dedupeKey})
      on conflict (company_id, dedupe_key) do nothing`);
    const [row] = await tx.execute<{ id: string }>(sql`select id from tasks where company_id = ${ctx.companyId} and dedupe_key = ${dedupeKey}`);
    return row!;
  });
  return { output: { taskId: task.id, title: config.title } };
});
