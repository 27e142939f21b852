import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";

export interface CustomerProfile {
  customerId: string;
  /** `segment` from the metadata of the customer's latest conversation that has one. */
  segment: string | null;
  /** `value` (or `customerValue`, `ltv`) from the latest conversation metadata that has one. */
  value: number | null;
}

/**
 * The customer known by `externalId` on any source (the latest identity when several match), with
 * the segment and value integrators put in conversation metadata. Null for an unknown customer.
 */
export async function findCustomerProfile(
  db: Db,
  orgId: string,
  externalId: string,
): Promise<CustomerProfile | null> {
  const [row] = await queryRows<{ customer_id: string; segment: string | null; value: unknown }>(
    db,
    sql`with who as (
          select customer_id from customer_identities
          where org_id = ${orgId} and external_id = ${externalId}
          order by created_at desc limit 1
        )
        select who.customer_id,
          (select c.metadata->>'segment' from conversations c
            where c.org_id = ${orgId} and c.customer_id = who.customer_id and c.metadata ? 'segment'
            order by c.started_at desc limit 1) as segment,
          (select coalesce(c.metadata->'value', c.metadata->'customerValue', c.metadata->'ltv')
            from conversations c
            where c.org_id = ${orgId} and c.customer_id = who.customer_id
              and (c.metadata ? 'value' or c.metadata ? 'customerValue' or c.metadata ? 'ltv')
            order by c.started_at desc limit 1) as value
        from who`,
  );
  if (!row) return null;
  const value = Number(row.value);
  return {
    customerId: row.customer_id,
    segment: row.segment,
    value: row.value !== null && Number.isFinite(value) ? value : null,
  };
}
