/** The company's settings (Settings page), read and written in the company's RLS transaction. */
import { eq, sql } from 'drizzle-orm';
import { companies } from '../../../drizzle/schema/index.ts';
import { AppError } from '../../../shared/errors.ts';
import type { CompanySettings } from '../../../shared/settings/company-settings.ts';
import type { Tx } from '../../db/client.ts';

const columns = { noSelfApprovalDefault: companies.noSelfApprovalDefault };

/** The company the transaction is in (app_company_id()): RLS would let a member see others they belong to. */
export async function getCompanySettings(tx: Tx): Promise<CompanySettings> {
  const [row] = await tx.select(columns).from(companies).where(eq(companies.id, sql`app_company_id()`));
  if (!row) throw new AppError('NOT_FOUND', 'Company not found');
  return row;
}

export async function updateCompanySettings(tx: Tx, patch: Partial<CompanySettings>): Promise<CompanySettings> {
  if (Object.keys(patch).length === 0) return getCompanySettings(tx);
  const [row] = await tx.update(companies).set(patch).where(eq(companies.id, sql`app_company_id()`)).returning(columns);
  if (!row) throw new AppError('NOT_FOUND', 'Company not found');
  return row;
}
