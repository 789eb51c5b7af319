/**
 * `npm run bench:api`: saveGraph of a 200-step graph and workflows.list over 100 workflows, through the real tRPC
 * router (createCaller, so no HTTP) on a real database, on the embedded Postgres and on the server.
 * Last line: {"embedded":{"save_graph_200_ms":{"p50","p95"},"list_100_ms":{"p50"}},"server":{…}}
 */
import { seedDemo } from '../server/demo/seed/seed.ts';
import type { Graph } from '../shared/graph/schema.ts';
import { connect } from '../server/db/client.ts';
import { callerAs } from '../server/testing/callers.ts';
import { percentile, timeIt } from './stats.ts';
import { embeddedTarget, serverTarget, type BenchDb } from './targets.ts';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 40);

/** A valid 200-step graph: a chain with a condition every 20 steps whose two branches rejoin. */
function bigGraph(n = 200): Graph {
  const steps: Graph['steps'] = [{ id: 's0', type: 'trigger', kind: 'trigger', name: 'Trigger', config: {}, position: { x: 0, y: 0 } }];
  const edges: Graph['edges'] = [];
  let prev = 's0';
  for (let i = 1; steps.length < n; i++) {
    if (i % 20 === 0 && steps.length + 3 <= n) {
      const c = `c${i}`, y = `y${i}`, no = `n${i}`;
      steps.push({ id: c, type: 'condition', kind: 'condition', name: `Check ${i}`, config: { expression: `event.data.n > ${i}` }, position: { x: i * 200, y: 0 } });
      steps.push({ id: y, type: 'action', kind: 'delay', name: `Yes ${i}`, config: { duration: '1s' }, position: { x: i * 200 + 100, y: -100 } });
      steps.push({ id: no, type: 'action', kind: 'delay', name: `No ${i}`, config: { duration: '1s' }, position: { x: i * 200 + 100, y: 100 } });
      edges.push({ id: `e${prev}-${c}`, source: prev, target: c, label: null });
      edges.push({ id: `e${c}-${y}`, source: c, target: y, label: 'yes' }, { id: `e${c}-${no}`, source: c, target: no, label: 'no' });
      const j = `j${i}`;
      steps.push({ id: j, type: 'action', kind: 'transform', name: `Join ${i}`, config: { mapping: { step: String(i) } }, position: { x: i * 200 + 200, y: 0 } });
      edges.push({ id: `e${y}-${j}`, source: y, target: j, label: null }, { id: `e${no}-${j}`, source: no, target: j, label: null });
      prev = j;
    } else {
      const id = `a${i}`;
      steps.push({ id, type: 'action', kind: 'http_request', name: `Call ${i}`, config: { method: 'POST', url: `https://api.example.com/items/${i}`, headers: { 'x-step': String(i) }, timeoutMs: 5000 }, position: { x: i * 200, y: 0 } });
      edges.push({ id: `e${prev}-${id}`, source: prev, target: id, label: null });
      prev = id;
    }
  }
  return { steps, edges };
}

async function measure(target: BenchDb) {
  const database = connect(target.url, { max: 10 });
  try {
    await seedDemo(database.db);
    const { caller } = await callerAs(database.db, 'rachel@copperkettle.example');
    const companySlug = 'copper-kettle';
    const graph = bigGraph();
    const wf = await caller.workflows.create({ companySlug, name: 'Bench 200' });
    let revision = wf.revision;
    const save = await timeIt(SAMPLES, async () => {
      revision = (await caller.workflows.saveGraph({ companySlug, id: wf.id, expectedRevision: revision, graph })).revision;
    });
    const existing = (await caller.workflows.list({ companySlug })).length;
    for (let i = existing; i < 100; i++) {
      const w = await caller.workflows.create({ companySlug, name: `Listed ${i}` });
      await caller.workflows.saveGraph({ companySlug, id: w.id, expectedRevision: w.revision, graph: bigGraph(8) });
    }
    const count = (await caller.workflows.list({ companySlug })).length;
    if (count !== 100) throw new Error(`expected 100 workflows, have ${count}`);
    const list = await timeIt(SAMPLES, () => caller.workflows.list({ companySlug }));
    return {
      save_graph_200_ms: { p50: percentile(save, 50), p95: percentile(save, 95) },
      list_100_ms: { p50: percentile(list, 50), p95: percentile(list, 95) },
    };
  } finally {
    await database.close();
  }
}

const result: Record<string, unknown> = {};
for (const make of [embeddedTarget, serverTarget]) {
  const target = await make();
  if (!target) continue;
  try {
    result[target.name] = await measure(target);
  } finally {
    await target.dispose();
  }
}
console.log(JSON.stringify(result));
