import { sql, type SQL } from "drizzle-orm";

/** What `reasonOf` gives a conversation with no reason of any kind. */
export const UNCLASSIFIED = "unclassified";

/**
 * The "reason" a conversation is about, as one SQL expression over a `conversations` row alias:
 * the intent its source system labelled it with (`metadata.intent`, as helpdesk connectors, the
 * demo and the Bitext/BANKING77 importers write), else its contact reason (insights: a leader's
 * name for it, else the machine label), else the source's coarser `metadata.category`, else
 * "unclassified". A human label beats a cluster; the cluster beats a category and nothing, so an
 * org whose tickets carry no labels still sees promises and personas by its own contact reasons.
 * Promises and personas read reasons only here.
 */
export function reasonOf(alias: string): SQL {
  const c = sql.raw(alias);
  return sql`coalesce(nullif(${c}.metadata->>'intent', ''),
    (select coalesce(r.name, r.label) from conversation_reasons cr
      join contact_reasons r on r.org_id = cr.org_id and r.id = cr.reason_id
      where cr.org_id = ${c}.org_id and cr.conversation_id = ${c}.id),
    nullif(${c}.metadata->>'category', ''), ${UNCLASSIFIED})`;
}
