import { sql } from "drizzle-orm";
import {
  customType,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { idColumn, orgIdColumn, timestamps } from "./columns.ts";
import { organizations } from "./orgs.ts";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const KB_SOURCES = ["manual", "markdown", "html", "csv"] as const;
export type KbSource = (typeof KB_SOURCES)[number];
export const kbSourceEnum = pgEnum("kb_source", KB_SOURCES);

/**
 * Knowledge-base articles an org's agents (and its bot) answer from. `search` weighs the title above
 * the body so an article named after the customer's problem outranks one that mentions it in passing.
 */
export const kbArticles = pgTable(
  "kb_articles",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    title: text("title").notNull(),
    /** Markdown. */
    body: text("body").notNull(),
    tags: text("tags")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    locale: text("locale").notNull().default("en"),
    source: kbSourceEnum("source").notNull().default("manual"),
    /** The key an import matched on (file name, CSV `key` column): re-importing updates, never duplicates. */
    externalKey: text("external_key"),
    search: tsvector("search").generatedAlwaysAs(
      sql`setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')`,
    ),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("kb_articles_org_external_key").on(t.orgId, t.externalKey),
    index("kb_articles_search_idx").using("gin", t.search),
  ],
);
