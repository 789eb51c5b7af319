import postgres from 'postgres';
import { serverTarget } from '/work/main/bench/targets.ts';
import { seedDemo } from '/work/main/drizzle/seed/seed.ts';
import { connect } from '/work/main/server/db/client.ts';

const t = (await serverTarget())!;
try {
  const d = connect(t.url, { max: 1 });
  await seedDemo(d.db);
  await d.close();
  const sql = postgres(t.url, { max: 1, onnotice: () => {} });
  const [c] = await sql`select id from companies where slug = 'bluewater'`;
  const [v] = await sql`select id, workflow_id from workflow_versions where company_id = ${c!.id} limit 1`;
  const [r] = await sql`insert into workflow_runs (company_id, workflow_id, workflow_version_id, trigger_type, trigger_ref) values (${c!.id}, ${v!.workflow_id}, ${v!.id}, 'manual', 'x') returning id`;
  await sql`insert into workflow_run_steps (company_id, run_id, step_id, status) select ${c!.id}, ${r!.id}, 's' || i, 'pending' from generate_series(1, 2000) i`;
  const run = async (label: string) => {
    const t0 = performance.now();
    // One transaction per change, as the engine writes them (tenant scope, ember_app).
    for (let i = 1; i <= 2000; i++) {
      await sql.begin(async (tx) => {
        await tx`select set_config('role', 'ember_app', true), set_config('app.company_id', ${c!.id}, true)`;
        await tx`update workflow_run_steps set status = 'running', attempts = attempts + 1 where run_id = ${r!.id} and step_id = ${'s' + i}`;
      });
    }
    const ms = performance.now() - t0;
    console.log(label, (ms / 2000).toFixed(3), 'ms per change');
    await sql`update workflow_run_steps set status = 'pending'`;
  };
  await run('warmup (with history)');
  await run('with history');
  await sql.unsafe(`CREATE OR REPLACE FUNCTION run_step_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.status = OLD.status AND NEW.attempts = OLD.attempts THEN RETURN NULL; END IF;
  PERFORM pg_notify('ember_run_steps', json_build_object('companyId', NEW.company_id, 'runId', NEW.run_id, 'stepId', NEW.step_id, 'status', NEW.status,
    'attempts', NEW.attempts, 'reason', NEW.status_reason, 'seq', NEW.change_seq)::text);
  RETURN NULL;
END $$`);
  await run('without history (0006)');
  await sql.unsafe(`CREATE OR REPLACE FUNCTION run_step_announce() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`);
  await sql.end();
} finally {
  await t.dispose();
}
