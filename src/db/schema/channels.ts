import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { idColumn, orgIdColumn, timestamps } from "./columns.ts";
import { organizations } from "./orgs.ts";

/** An IMAP mailbox polled for customer email. The password is encrypted at rest (see docs/decisions.md). */
export const mailboxes = pgTable(
  "mailboxes",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    name: text("name").notNull(),
    /** The address customers write to; replies from it are the agent side of a thread. */
    address: text("address").notNull(),
    host: text("host").notNull(),
    port: integer("port").notNull(),
    secure: boolean("secure").notNull().default(true),
    username: text("username").notNull(),
    passwordEnc: text("password_enc").notNull(),
    folder: text("folder").notNull().default("INBOX"),
    enabled: boolean("enabled").notNull().default(true),
    /** `support`, or `escalation`: mail to it is a complaint to management (opens an executive case). */
    purpose: text("purpose").$type<"support" | "escalation">().notNull().default("support"),
    /** IMAP UIDVALIDITY and the last UID ingested: polling resumes after it. */
    uidValidity: text("uid_validity"),
    lastUid: integer("last_uid").notNull().default(0),
    lastPolledAt: timestamp("last_polled_at", { withTimezone: true }),
    lastError: text("last_error"),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/** A generic JSON webhook source (chat or social platform) with its mapping and signing secret. */
export const webhookSources = pgTable(
  "webhook_sources",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    name: text("name").notNull(),
    /** Stored as `conversations.source` for what this webhook delivers. */
    source: text("source").notNull(),
    secretEnc: text("secret_enc").notNull(),
    mapping: jsonb("mapping").$type<Record<string, unknown>>().notNull(),
    enabled: boolean("enabled").notNull().default(true),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("webhook_sources_org_source_key").on(t.orgId, t.source),
  ],
);

/** Delivery ids seen per webhook source, for replay protection within the accepted time window. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    orgId: uuid("org_id").notNull(),
    sourceId: uuid("source_id").notNull(),
    deliveryId: text("delivery_id").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.sourceId, t.deliveryId] }),
    index("webhook_deliveries_received_idx").on(t.receivedAt),
  ],
);

/** A file import, so that an interrupted `rapport import` resumes where it stopped. */
export const importRuns = pgTable(
  "import_runs",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    format: text("format").notNull(),
    /** `conversations.source` of the import: the same file under another source is another run. */
    source: text("source").notNull().default(""),
    /** SHA-256 of the file: the same file resumes, a changed file starts over. */
    fileHash: text("file_hash").notNull(),
    fileName: text("file_name").notNull(),
    /** Records fully processed (committed) so far. */
    position: integer("position").notNull().default(0),
    imported: integer("imported").notNull().default(0),
    unchanged: integer("unchanged").notNull().default(0),
    rejected: integer("rejected").notNull().default(0),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    stats: jsonb("stats").$type<Record<string, unknown>>().notNull().default({}),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("import_runs_org_format_source_hash_key").on(
      t.orgId,
      t.format,
      t.source,
      t.fileHash,
    ),
  ],
);
