/**
 * A company's event keys: the credentials of the event ingress (`POST /e/:key`). The key itself is shown once, at
 * creation; only its SHA-256 is stored (a leaked table leaks no usable key) with its first characters for people to
 * tell keys apart. A key is never deleted: revoking stamps who and when, so the row stays the record of the key.
 */
import { char, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { companies, users } from './tenancy.ts';

export const eventKeys = pgTable(
  'event_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The key's first characters (`ek_live_ab12cd`), shown in the list. */
    prefix: text('prefix').notNull(),
    /** Hex SHA-256 of the whole key: how the ingress finds it (ember_event_key_lookup). */
    keyHash: char('key_hash', { length: 64 }).notNull().unique('event_keys_key_hash_uq'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Written at most once a minute per key and process, not per event. */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('event_keys_company_idx').on(t.companyId, t.createdAt)],
);
