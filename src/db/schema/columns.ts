import { sql } from "drizzle-orm";
import { timestamp, uuid } from "drizzle-orm/pg-core";

/** Every table has these; tenant tables add `orgId` ahead of `id` in their primary key. */
export const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

export const idColumn = () =>
  uuid("id")
    .notNull()
    .default(sql`gen_random_uuid()`);
export const orgIdColumn = () => uuid("org_id").notNull();
