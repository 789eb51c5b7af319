/** What the change sentinel hands back when invoked (a workflow's Check retailer specs step). */
export interface SentinelSummary {
  checked: number;
  changes: { companyId: string; retailer: string; specKey: string; version: string; specChangeId: string; taskId: string | null; severity: string; affectedProducts: number; summarizedBy: string }[];
  problems: { retailer: string; specKey: string; status: string; error: string }[];
}
