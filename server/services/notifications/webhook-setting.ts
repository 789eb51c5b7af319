/**
 * The company's outgoing webhook (shared/notifications/vocab.ts), kept in `companies.settings.notificationWebhook`.
 * Admins only read and write it: a Slack webhook URL is a credential (whoever has it can post to the channel).
 */
import { eq, sql } from 'drizzle-orm';
import { companies } from '../../../drizzle/schema/index.ts';
import { AppError } from '../../../shared/errors.ts';
import type { WebhookSetting } from '../../../shared/notifications/vocab.ts';
import type { Tx } from '../../db/client.ts';

/** The setting as stored. Its URL is judged again at every delivery (the allowlist and DNS may have changed). */
export async function getWebhookSetting(tx: Tx): Promise<WebhookSetting | null> {
  const [row] = await tx.select({ settings: companies.settings }).from(companies).where(eq(companies.id, sql`app_company_id()`));
  if (!row) throw new AppError('NOT_FOUND', 'Company not found');
  return storedWebhook(row.settings);
}

/** Reads the stored value without re-judging the URL (a delivery refuses it then, recorded, rather than losing it). */
export function storedWebhook(settings: Record<string, unknown>): WebhookSetting | null {
  const w = settings.notificationWebhook as Partial<WebhookSetting> | null | undefined;
  return w && typeof w.url === 'string' && typeof w.linkBase === 'string' ? { url: w.url, linkBase: w.linkBase } : null;
}

export async function setWebhookSetting(tx: Tx, setting: WebhookSetting | null): Promise<WebhookSetting | null> {
  const value = setting ? { url: setting.url, linkBase: setting.linkBase.replace(/\/+$/, '') } : null;
  const [row] = await tx
    .update(companies)
    .set({ settings: sql`jsonb_set(${companies.settings}, '{notificationWebhook}', ${JSON.stringify(value)}::jsonb)` })
    .where(eq(companies.id, sql`app_company_id()`))
    .returning({ id: companies.id });
  if (!row) throw new AppError('NOT_FOUND', 'Company not found');
  return value;
}
