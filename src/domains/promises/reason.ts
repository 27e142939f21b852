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
  return firstReason(
    c,
    sql`(select ${reasonName(sql.raw("r"))} from conversation_reasons cr
      join contact_reasons r on r.org_id = cr.org_id and r.id = cr.reason_id
      where cr.org_id = ${c}.org_id and cr.conversation_id = ${c}.id)`,
  );
}

/**
 * `reasonOf` for a query over many conversations: the same reason, read through two left joins
 * (`joins`, to follow the `from` clause) instead of a subquery per row: the keep-rate report by
 * reason over 200,000 promises went from 633 to 227 ms (docs/performance.md). `expr` goes where `reasonOf` would.
 */
export function reasonOfJoined(alias: string): { joins: SQL; expr: SQL } {
  const [c, cr, r] = [alias, `${alias}_cr`, `${alias}_r`].map((a) => sql.raw(a)) as [SQL, SQL, SQL];
  return {
    joins: sql`left join conversation_reasons ${cr} on ${cr}.org_id = ${c}.org_id and ${cr}.conversation_id = ${c}.id
      left join contact_reasons ${r} on ${r}.org_id = ${cr}.org_id and ${r}.id = ${cr}.reason_id`,
    expr: firstReason(c, reasonName(r)),
  };
}

/** A contact reason's name as leaders see it: theirs, else the machine label. */
function reasonName(r: SQL): SQL {
  return sql`coalesce(${r}.name, ${r}.label)`;
}

/** The first of: the source's intent, the contact reason's name (`contactReason`), the category. */
function firstReason(c: SQL, contactReason: SQL): SQL {
  return sql`coalesce(nullif(${c}.metadata->>'intent', ''), ${contactReason},
    nullif(${c}.metadata->>'category', ''), ${UNCLASSIFIED})`;
}
