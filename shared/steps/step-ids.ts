/**
 * The durable (Inngest) step ids of one DAG step: the walk names its steps with these, and the run inspector reads
 * attempts back by them. Stable for a given graph, so a resumed run replays the same ids and never repeats a step.
 * Gate rounds and sleeps past the first get a `:<n>` suffix.
 */
export const stepIds = {
  run: (id: string) => `step:${id}`,
  start: (id: string) => `step:${id}:start`,
  sleep: (id: string) => `step:${id}:sleep`,
  open: (id: string) => `step:${id}:open`,
  wait: (id: string) => `step:${id}:wait`,
  check: (id: string) => `step:${id}:check`,
  invoke: (id: string) => `step:${id}:invoke`,
  skip: (id: string) => `step:${id}:skip`,
  failed: (id: string) => `step:${id}:failed`,
};
