import { initTRPC, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import { AppError } from '../../shared/errors.ts';
import { checkHostile } from '../../shared/input/hostile.ts';
import { INPUT_LIMITS } from '../../shared/input/limits.ts';
import { can, type Permission, type Role } from '../../shared/roles.ts';
import { enterCompany, withScope } from '../db/tx.ts';
import type { Tx } from '../db/client.ts';
import { findMembershipBySlug } from '../services/companies/find-membership.ts';
import type { Context } from './context.ts';
import { fieldErrors, hostileInputError, InternalErrorRef, toPublicError, toTRPCError } from './error-map.ts';

/** Every procedure declares who may call it; the bad-input suite reads this to test each one. */
export interface ProcedureMeta {
  access: 'public' | 'signed_in' | Permission;
  /** Raises the hostile-input guard's size bound for this procedure (default INPUT_LIMITS.request.maxBytes). */
  maxInputBytes?: number;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    // Every error a client receives passes here (the HTTP adapter, subscriptions): unexpected ones are reduced to a
    // generic message and a reference by toPublicError, which is idempotent (the middleware below did it already).
    errorFormatter({ shape, error, path }) {
      const exposed = toPublicError(error, `trpc ${path ?? '?'}`);
      const cause = exposed.cause;
      return {
        ...shape,
        message: cause instanceof ZodError ? `Invalid input: ${cause.issues.map((i) => `${i.path.map(String).join('.') || '(input)'}: ${i.message}`).join('; ')}` : exposed.message,
        data: {
          ...shape.data,
          // Field errors for malformed input, keyed by dotted path, so forms can show them where the user is looking.
          fieldErrors: cause instanceof ZodError ? fieldErrors(cause) : undefined,
          appCode: cause instanceof AppError ? cause.code : undefined,
          details: cause instanceof AppError ? cause.details : undefined,
          errorId: cause instanceof InternalErrorRef ? cause.ref : undefined,
          stack: undefined,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Outermost: whatever failed below leaves as a typed transport error or a generic one with a reference. */
const mapErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) throw toPublicError(result.error, `trpc ${path}`);
  return result;
});

/**
 * Before any zod schema or resolver sees the raw input: NUL, lone surrogates, nesting past 64 levels or a size past
 * the bound are refused here, for every procedure, with the path of the field. The walk is iterative, and nothing
 * before it walks the input (no transformer: the HTTP adapter only JSON.parses, which nests fine).
 */
const guardInput = t.middleware(async ({ getRawInput, meta, next }) => {
  const issue = checkHostile(await getRawInput(), { maxDepth: INPUT_LIMITS.request.maxDepth, maxBytes: meta?.maxInputBytes ?? INPUT_LIMITS.request.maxBytes });
  if (issue) throw hostileInputError(issue);
  return next();
});

const baseProcedure = t.procedure.use(mapErrors).use(guardInput);

export const publicProcedure = baseProcedure.meta({ access: 'public' });

export const signedInProcedure = baseProcedure
  .meta({ access: 'signed_in' })
  .use(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
    return next({ ctx: { ...ctx, user: ctx.user } });
  });

export interface CompanyScope {
  id: string;
  slug: string;
  name: string;
  role: Role;
}

export const CompanyInputSchema = z.object({ companySlug: z.string().min(1).max(64).regex(/^[a-z0-9-]+$/) });

/**
 * A procedure inside one company: checks membership and the permission, then runs the whole resolver in one
 * RLS-scoped transaction (`ctx.tx`). An error anywhere rolls everything back, so a failed call writes nothing.
 */
export function companyProcedure(permission: Permission) {
  return signedInProcedure
    .meta({ access: permission })
    .input(CompanyInputSchema)
    .use(async ({ ctx, input, next }) => {
      // Work that must wait for the commit (sending events about rows this transaction writes).
      const afterCommit: (() => Promise<void>)[] = [];
      try {
        const result = await withScope(ctx.db, { userId: ctx.user.id }, async (tx: Tx) => {
          const membership = await findMembershipBySlug(tx, input.companySlug);
          if (!membership) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such company, or you are not a member' });
          if (!can(membership.role, permission)) {
            throw new TRPCError({ code: 'FORBIDDEN', message: `Your role (${membership.role}) may not ${permission.replace('_', ' ')}` });
          }
          await enterCompany(tx, membership.id);
          const company: CompanyScope = membership;
          const result = await next({ ctx: { tx, company, afterCommit: (fn: () => Promise<void>) => void afterCommit.push(fn) } });
          // A failed resolver must roll the transaction back: rethrowing aborts it.
          if (!result.ok) throw result.error;
          return result;
        });
        for (const fn of afterCommit) {
          // Committed already: a failed send is re-delivered by the reconciler, so the caller still gets success.
          await fn().catch((err: unknown) => console.error('[after-commit]', err));
        }
        return result;
      } catch (err) {
        throw toTRPCError(err);
      }
    });
}

/**
 * For subscriptions: membership and permission are checked in a short transaction, and no transaction stays open
 * while the stream lives; the resolver opens its own short ones (withCompany) when it reads.
 */
export function companySubscriptionProcedure(permission: Permission) {
  return signedInProcedure
    .meta({ access: permission })
    .input(CompanyInputSchema)
    .use(async ({ ctx, input, next }) => {
      const company = await withScope(ctx.db, { userId: ctx.user.id }, (tx: Tx) => findMembershipBySlug(tx, input.companySlug));
      if (!company) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such company, or you are not a member' });
      if (!can(company.role, permission)) throw new TRPCError({ code: 'FORBIDDEN', message: `Your role (${company.role}) may not ${permission.replace('_', ' ')}` });
      return next({ ctx: { company: company as CompanyScope } });
    });
}
