import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";

export interface CustomerCaseHistory {
  openCases: number;
  /** Complaint cases ever opened for the customer (opened from a conversation's complaint). */
  pastComplaints: number;
}

/** How many open cases and past complaints a customer has (live assist rules). */
export async function findCustomerCaseHistory(
  db: Db,
  orgId: string,
  customerId: string,
): Promise<CustomerCaseHistory> {
  const [row] = await queryRows<{ open: number; complaints: number }>(
    db,
    sql`select count(*) filter (where status not in ('resolved', 'closed'))::int as open,
          count(*) filter (where source = 'conversation')::int as complaints
        from cases where org_id = ${orgId} and customer_id = ${customerId}`,
  );
  return { openCases: row?.open ?? 0, pastComplaints: row?.complaints ?? 0 };
}
