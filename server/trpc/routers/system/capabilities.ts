import { z } from 'zod';
import { allowlistEntries, configuredAllowlist } from '../../../../shared/net/allowlist.ts';
import { claudeConfigFromEnv } from '../../../services/ai/config.ts';
import { signedInProcedure } from '../../init.ts';

/**
 * What this server can do, so the canvas can mark steps that would fail before anyone runs them (e.g. Claude
 * steps without an API key), and the outbound allowlist, so the HTTP step's form judges URLs as publishing will.
 * Read from the same configuration the functions use.
 */
export const capabilitiesProcedure = signedInProcedure.input(z.object({}).strict().optional()).query(() => {
  const claude = claudeConfigFromEnv();
  return {
    claude: claude.apiKey
      ? { configured: true as const, model: claude.modelOverride ?? null }
      : { configured: false as const, hint: 'Set ANTHROPIC_API_KEY in the server environment and restart to run Claude steps.' },
    http: { allowlist: allowlistEntries(configuredAllowlist()) },
  };
});
