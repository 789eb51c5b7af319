/** Where runs live in the app. */
import { workflowsPath } from '../session.ts';

export const runsPath = (slug: string) => `/supplier/${encodeURIComponent(slug)}/runs`;
export const workflowRunsPath = (slug: string, workflowId: string) => `${workflowsPath(slug)}/${encodeURIComponent(workflowId)}/runs`;
export const runPath = (slug: string, workflowId: string, runId: string) => `${workflowRunsPath(slug, workflowId)}/${encodeURIComponent(runId)}`;
export const inboxPath = (slug: string) => `/supplier/${encodeURIComponent(slug)}/inbox`;
export const editorPath = (slug: string, workflowId: string) => `${workflowsPath(slug)}/${encodeURIComponent(workflowId)}`;
export const metricsPath = (slug: string) => `/supplier/${encodeURIComponent(slug)}/metrics`;
