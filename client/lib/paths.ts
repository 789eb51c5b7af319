/** URLs of the company pages, built in one place so links and routes agree. */
const base = (slug: string) => `/supplier/${encodeURIComponent(slug)}`;

export const productsPath = (slug: string) => `${base(slug)}/products`;
export const productPath = (slug: string, id: string) => `${productsPath(slug)}/${encodeURIComponent(id)}`;
export const tasksPath = (slug: string) => `${base(slug)}/tasks`;
export const taskPath = (slug: string, id: string) => `${tasksPath(slug)}/${encodeURIComponent(id)}`;
export const workflowPath = (slug: string, id: string) => `${base(slug)}/workflows/${encodeURIComponent(id)}`;
export const runPath = (slug: string, workflowId: string, runId: string) => `${workflowPath(slug, workflowId)}/runs/${encodeURIComponent(runId)}`;
export const monitoringPath = (slug: string) => `${base(slug)}/monitoring`;
export const settingsPath = (slug: string) => `${base(slug)}/settings`;
