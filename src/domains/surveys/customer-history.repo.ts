import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";

/** The score of the customer's latest answered survey, or null (live assist rules). */
export async function findLastSurveyScore(
  db: Db,
  orgId: string,
  customerId: string,
): Promise<number | null> {
  const [row] = await queryRows<{ score: number | null }>(
    db,
    sql`select score from survey_responses
        where org_id = ${orgId} and customer_id = ${customerId} and score is not null
        order by created_at desc limit 1`,
  );
  return row?.score ?? null;
}
