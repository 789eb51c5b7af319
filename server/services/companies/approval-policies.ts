/**
 * A company's approval policies (shared/approvals/policy.ts), kept in `companies.settings.approvalPolicies`: read by
 * publish (a workflow that breaks one is not published), written by admins.
 */
import { eq, sql } from 'drizzle-orm';
import { companies } from '../../../drizzle/schema/index.ts';
import { ApprovalPoliciesSchema, type ApprovalPolicy } from '../../../shared/approvals/policy.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Tx } from '../../db/client.ts';

/** The policies of the company the transaction is in; a stored value that no longer parses is refused, not ignored. */
export async function getApprovalPolicies(tx: Tx): Promise<ApprovalPolicy[]> {
  const [row] = await tx.select({ settings: companies.settings }).from(companies).where(eq(companies.id, sql`app_company_id()`));
  if (!row) throw new AppError('NOT_FOUND', 'Company not found');
  const stored = row.settings.approvalPolicies;
  if (stored === undefined) return [];
  const parsed = ApprovalPoliciesSchema.safeParse(stored);
  if (!parsed.success) throw new AppError('PRECONDITION_FAILED', "The company's approval policies are unreadable; an admin must set them again");
  return parsed.data;
}

export async function setApprovalPolicies(tx: Tx, policies: ApprovalPolicy[]): Promise<ApprovalPolicy[]> {
  const ids = new Set(policies.map((p) => p.id));
  if (ids.size !== policies.length) throw new AppError('INVALID_INPUT', 'Two policies share an id');
  const [row] = await tx
    .update(companies)
    .set({ settings: sql`jsonb_set(${companies.settings}, '{approvalPolicies}', ${JSON.stringify(policies)}::jsonb)` })
    .where(eq(companies.id, sql`app_company_id()`))
    .returning({ id: companies.id });
  if (!row) throw new AppError('NOT_FOUND', 'Company not found');
  return policies;
}
