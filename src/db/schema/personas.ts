import {
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { idColumn, orgIdColumn, timestamps } from "./columns.ts";
import { customers } from "./conversations.ts";
import { organizations } from "./orgs.ts";

/** One customer segment from the latest clustering run. */
export const personas = pgTable(
  "personas",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    /** Position in the run, largest first. */
    rank: integer("rank").notNull(),
    name: text("name").notNull(),
    size: integer("size").notNull(),
    /** Feature means, needs, delights, frustrations and example conversation ids (personas/card.ts). */
    profile: jsonb("profile").$type<Record<string, unknown>>().notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("personas_org_rank_idx").on(t.orgId, t.rank),
  ],
);

/** Which persona each customer is in: the join for report and survey segments. */
export const customerPersonas = pgTable(
  "customer_personas",
  {
    orgId: orgIdColumn(),
    customerId: uuid("customer_id").notNull(),
    personaId: uuid("persona_id").notNull(),
    /** Distance to the persona's centre in standardised units; smaller is more typical. */
    distance: doublePrecision("distance").notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.customerId] }),
    index("customer_personas_persona_idx").on(t.orgId, t.personaId),
    foreignKey({
      columns: [t.orgId, t.personaId],
      foreignColumns: [personas.orgId, personas.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.orgId, t.customerId],
      foreignColumns: [customers.orgId, customers.id],
    }).onDelete("cascade"),
  ],
);
