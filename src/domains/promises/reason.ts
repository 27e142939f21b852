import { sql, type SQL } from "drizzle-orm";

/**
 * The "reason" a conversation is about, as one SQL expression over a `conversations` row alias.
 *
 * The engine stores no intent or topic label on its analysis today; the intent that ingest and
 * connectors write into the conversation's metadata (`intent`, else `category`, as the demo and the
 * Bitext/BANKING77 importers do) is the best label we have. This one function is the seam where the
 * insights domain's contact reasons will replace it: promises and personas read reasons only here.
 */
export function reasonOf(alias: string): SQL {
  const c = sql.raw(alias);
  return sql`coalesce(nullif(${c}.metadata->>'intent', ''), nullif(${c}.metadata->>'category', ''), 'unclassified')`;
}
