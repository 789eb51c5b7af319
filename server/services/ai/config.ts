/**
 * Claude configuration: from the environment by default, handed in explicitly by tests (a loopback fake Messages
 * API). Prices are per million tokens and only feed the cost ledger, so they are configuration, not code.
 */
import { z } from 'zod';

const ClaudeEnv = z.object({
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: z.string().url().optional(),
  /** Overrides every skill's model (e.g. to try a cheaper one); unset: each skill's own. */
  EMBER_CLAUDE_MODEL: z.string().min(1).optional(),
  EMBER_CLAUDE_MAX_TOKENS: z.coerce.number().int().positive().max(64_000).optional(),
  EMBER_CLAUDE_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  /** USD per million input / output tokens. */
  EMBER_CLAUDE_INPUT_PRICE: z.coerce.number().nonnegative().default(3),
  EMBER_CLAUDE_OUTPUT_PRICE: z.coerce.number().nonnegative().default(15),
  /** USD per function invocation (Inngest bills per run/step; one number keeps the model simple). */
  EMBER_INVOCATION_PRICE: z.coerce.number().nonnegative().default(0.00005),
});

export interface ClaudeConfig {
  /** Unset: Claude steps fail with a message saying how to configure it. */
  apiKey: string | undefined;
  baseURL: string | undefined;
  modelOverride: string | undefined;
  maxTokensOverride: number | undefined;
  timeoutMs: number;
  inputPricePerMTok: number;
  outputPricePerMTok: number;
  invocationPriceUsd: number;
}

export function claudeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ClaudeConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const e = ClaudeEnv.parse(cleaned);
  return {
    apiKey: e.ANTHROPIC_API_KEY,
    baseURL: e.ANTHROPIC_BASE_URL,
    modelOverride: e.EMBER_CLAUDE_MODEL,
    maxTokensOverride: e.EMBER_CLAUDE_MAX_TOKENS,
    timeoutMs: e.EMBER_CLAUDE_TIMEOUT_MS,
    inputPricePerMTok: e.EMBER_CLAUDE_INPUT_PRICE,
    outputPricePerMTok: e.EMBER_CLAUDE_OUTPUT_PRICE,
    invocationPriceUsd: e.EMBER_INVOCATION_PRICE,
  };
}

export function claudeCostUsd(config: Pick<ClaudeConfig, 'inputPricePerMTok' | 'outputPricePerMTok'>, inputTokens: number, outputTokens: number): number {
  return Math.round(((inputTokens * config.inputPricePerMTok + outputTokens * config.outputPricePerMTok) / 1e6) * 1e6) / 1e6;
}

export const CLAUDE_NOT_CONFIGURED =
  'Claude is not configured: set ANTHROPIC_API_KEY (and optionally ANTHROPIC_BASE_URL, EMBER_CLAUDE_MODEL) in the server environment and restart.';
