import { index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { idColumn, timestamps } from "./columns.ts";

/**
 * Failed attempts per subject (an account, a client address) for abuse limits, shared by every
 * process on the database. Not a tenant table: login happens before an organization is known.
 * `key` is `<policy>:<sha256 of the subject>`, so no email or address is stored.
 */
export const throttles = pgTable(
  "throttles",
  {
    id: idColumn().primaryKey(),
    key: text("key").notNull(),
    failures: integer("failures").notNull().default(0),
    blockedUntil: timestamp("blocked_until", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("throttles_key_idx").on(t.key),
    index("throttles_updated_idx").on(t.updatedAt),
  ],
);
