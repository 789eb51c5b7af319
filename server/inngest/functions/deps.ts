import type { ClaudeConfig } from '../../services/ai/config.ts';
import type { AssetStore } from '../../services/assets/store.ts';
import type { Db } from '../../db/client.ts';
import type { EngineRuns } from '../../services/runs/repair.ts';
import type { Allowlist } from '../../../shared/net/allowlist.ts';

/** Handles every function receives: side effects enter here, so tests can hand in their own database and fakes. */
export interface FunctionDeps {
  db: Db;
  log: (line: string) => void;
  /** Claude; default: claudeConfigFromEnv(). Tests point baseURL at a loopback fake Messages API. */
  claude?: ClaudeConfig;
  /** Asset bytes; default: EMBER_DATA_DIR/assets. */
  assets?: AssetStore;
  /** Hosts outbound retailer fetches may reach despite the SSRF guard; default: EMBER_HTTP_ALLOWLIST. */
  allowlist?: Allowlist;
  /**
   * What the engine knows about workflow runs, where the app can ask (the embedded executor); absent under another
   * engine. The reconciler uses it to repair runs an engine cancelled before the app mirrored cancellations.
   */
  engineRuns?: EngineRuns;
  /**
   * The company webhook's deliveries (task-orchestrator): attempts at most (default 6), the wait before the second
   * (default 10 s, ×4 each time after) and each request's time limit (default 10 s). Tests shorten the waits.
   */
  webhooks?: { maxAttempts?: number; retryBaseMs?: number; timeoutMs?: number };
  /** workflow-trigger-field-changed's debounce; default FIELD_CHANGED_DEBOUNCE (5 s). Tests shorten the wait. */
  fieldChangedDebounce?: { period: `${number}s`; timeout: `${number}m` };
  /** The clock, for logic that compares against now (cleanup, sentinel); default: the system clock. */
  now?: () => Date;
}
