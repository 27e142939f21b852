import {
  date,
  doublePrecision,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { idColumn, orgIdColumn, timestamps } from "./columns.ts";
import { organizations, teams } from "./orgs.ts";

/** An outsourced partner; it owns teams (vendor_teams). */
export const vendors = pgTable(
  "vendors",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    name: text("name").notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("vendors_org_name_key").on(t.orgId, t.name),
  ],
);

/** A team belongs to at most one vendor. */
export const vendorTeams = pgTable(
  "vendor_teams",
  {
    orgId: orgIdColumn(),
    vendorId: uuid("vendor_id").notNull(),
    teamId: uuid("team_id").notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.teamId] }),
    index("vendor_teams_vendor_idx").on(t.orgId, t.vendorId),
    foreignKey({
      columns: [t.orgId, t.vendorId],
      foreignColumns: [vendors.orgId, vendors.id],
    }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.teamId], foreignColumns: [teams.orgId, teams.id] }).onDelete(
      "cascade",
    ),
  ],
);

/** Service levels with credit bands; validated by vendors.schemas.ts (ServiceLevelSchema). */
export const vendorContracts = pgTable(
  "vendor_contracts",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    vendorId: uuid("vendor_id").notNull(),
    name: text("name").notNull(),
    /** First and last month the contract applies to, as the first day of the month. */
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }),
    monthlyFee: doublePrecision("monthly_fee").notNull(),
    currency: text("currency").notNull(),
    /** Cap on the month's credits, percent of the fee. */
    capPercent: doublePrecision("cap_percent").notNull(),
    serviceLevels: jsonb("service_levels").$type<Record<string, unknown>[]>().notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("vendor_contracts_vendor_idx").on(t.orgId, t.vendorId),
    foreignKey({
      columns: [t.orgId, t.vendorId],
      foreignColumns: [vendors.orgId, vendors.id],
    }).onDelete("cascade"),
  ],
);

/** Monthly figures Rapport does not see (telephony), imported from the vendor's CSV. */
export const vendorMetricImports = pgTable(
  "vendor_metric_imports",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    vendorId: uuid("vendor_id").notNull(),
    month: date("month", { mode: "string" }).notNull(),
    metric: text("metric").notNull(),
    value: doublePrecision("value").notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("vendor_metric_imports_key").on(t.orgId, t.vendorId, t.month, t.metric),
    foreignKey({
      columns: [t.orgId, t.vendorId],
      foreignColumns: [vendors.orgId, vendors.id],
    }).onDelete("cascade"),
  ],
);
