/**
 * One Messages API request for a skill, with the outcome classified for the durable engine: rate limits become
 * RetryAfterError (honouring retry-after), overload/5xx/network errors are plain (retried with backoff), and
 * requests that cannot succeed by retrying (400/401/403/404/413, no API key) are NonRetriableError. The SDK's own
 * retries are off (maxRetries 0) so every attempt is visible to, and counted by, the engine.
 */
import Anthropic, { APIConnectionError, APIError } from '@anthropic-ai/sdk';
import { NonRetriableError, RetryAfterError } from 'inngest';
import { CLAUDE_NOT_CONFIGURED, type ClaudeConfig } from './config.ts';

export interface SkillRow {
  id: string;
  name: string;
  version: number;
  model: string;
  systemPrompt: string;
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
  maxTokens: number;
  temperature: number;
  usesVision: boolean;
}

export interface SkillRequest {
  text: string;
  image?: { mediaType: 'image/jpeg'; data: string };
  /** A second chance after output that failed validation: what was wrong, and what came back. */
  repair?: { previous: unknown; problems: string };
}

export interface SkillResponse {
  toolInput: unknown;
  stopReason: string | null;
  model: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
}

const clients = new Map<string, Anthropic>();
function client(config: ClaudeConfig): Anthropic {
  const key = `${config.apiKey}|${config.baseURL ?? ''}|${config.timeoutMs}`;
  let c = clients.get(key);
  if (!c) {
    c = new Anthropic({ apiKey: config.apiKey, ...(config.baseURL ? { baseURL: config.baseURL } : {}), maxRetries: 0, timeout: config.timeoutMs });
    clients.set(key, c);
  }
  return c;
}

export async function sendSkillRequest(config: ClaudeConfig, skill: SkillRow, req: SkillRequest): Promise<SkillResponse> {
  if (!config.apiKey) throw new NonRetriableError(CLAUDE_NOT_CONFIGURED);
  const content: Anthropic.ContentBlockParam[] = [];
  if (req.image) content.push({ type: 'image', source: { type: 'base64', media_type: req.image.mediaType, data: req.image.data } });
  content.push({ type: 'text', text: req.text });
  if (req.repair) {
    content.push({
      type: 'text',
      text: `Your previous output failed validation: ${req.repair.problems}\nPrevious output: ${JSON.stringify(req.repair.previous).slice(0, 4000)}\nCall the ${skill.name} tool again with a corrected output.`,
    });
  }
  const started = Date.now();
  try {
    const message = await client(config).messages.create({
      model: config.modelOverride ?? skill.model,
      max_tokens: config.maxTokensOverride ?? skill.maxTokens,
      system: skill.systemPrompt,
      messages: [{ role: 'user', content }],
      tools: [{ name: skill.name, description: `Return the ${skill.name} result.`, input_schema: skill.outputSchema as Anthropic.Tool.InputSchema }],
      tool_choice: { type: 'tool', name: skill.name },
    });
    const tool = message.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use' && b.name === skill.name);
    return {
      toolInput: tool?.input ?? null,
      stopReason: message.stop_reason,
      model: message.model,
      inputTokens: message.usage.input_tokens,
      outputTokens: message.usage.output_tokens,
      latencyMs: Date.now() - started,
    };
  } catch (err) {
    throw classify(err);
  }
}

function classify(err: unknown): Error {
  if (err instanceof APIConnectionError) return new Error(`Claude unreachable: ${err.message}`);
  if (!(err instanceof APIError)) return err instanceof Error ? err : new Error(String(err));
  const status = err.status ?? 0;
  const what = `Claude ${status} ${err.type ?? ''}: ${err.apiMessage ?? err.message}`.replace(/\s+/g, ' ');
  if (status === 429) {
    const seconds = Number(err.headers?.get('retry-after'));
    return new RetryAfterError(what, Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 5000);
  }
  if (status === 408 || status === 409 || status >= 500) return new Error(what);
  if (status === 401 || status === 403) return new NonRetriableError(`${what} (check ANTHROPIC_API_KEY)`);
  return new NonRetriableError(what);
}
