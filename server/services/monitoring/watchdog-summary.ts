/** What the watchdog's runs hand back when invoked (a workflow's Check listings step): the output contracts. */
import type { PdpCheck } from './pdp-check.ts';

export interface ListingCheckOutput {
  listingId: string;
  status: PdpCheck['status'];
  score: number | null;
  band: string | null;
  findings: { field: string; classification: string; severity: string }[];
  critical: number;
  error?: string;
}

export interface WatchdogSummary {
  listings: number;
  /** The lowest overall score of the listings checked (null: none could be scored) and its band. */
  score: number | null;
  band: string | null;
  /** Warning and critical findings observed in this sweep. */
  findings: number;
  critical: number;
  failed: number;
  results: ListingCheckOutput[];
}
