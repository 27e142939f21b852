import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { Queue } from "../../jobs/queue.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg } from "../../../test/factories.ts";
import { decideInvitations } from "./invitations.service.ts";
import { createSurvey, DEFAULT_SETTINGS, putSettings } from "./surveys.service.ts";

describeEachBackend("decideInvitations: more decisions than one stored part", ({ database }) => {
  it("applies the cooldown across parts: a customer's later conversation sees the first's invitation", async () => {
    const db = database().db;
    const { orgId } = await buildOrg(db);
    await createSurvey(db, orgId, {
      name: "CSAT",
      type: "csat",
      trigger: { event: "conversation_resolved" },
    });
    await db.execute(sql`update surveys set created_at = '2026-01-01' where org_id = ${orgId}`);
    await putSettings(db, orgId, DEFAULT_SETTINGS);
    // 2,001 resolutions oldest first, decided 2,000 to a part: the first and the last belong to
    // the same customer, so they are decided in different parts.
    await db.execute(sql`insert into customers (org_id, id, name, email)
      select ${orgId}::uuid, md5(${orgId} || 'u' || i)::uuid, 'C' || i, 'u' || i || '@parts.test'
      from generate_series(0, 1999) as i`);
    const ids = await queryRows<{ id: string }>(
      db,
      sql`insert into conversations (org_id, id, source, external_id, channel, status, started_at,
          updated_at, customer_id)
        select ${orgId}::uuid, md5(${orgId} || 'c' || i)::uuid, 'test', 'c' || i, 'email',
          'resolved', now() - interval '1 day', now() - interval '1 hour' + i * interval '1 ms',
          md5(${orgId} || 'u' || (i % 2000))::uuid
        from generate_series(0, 2000) as i
        returning id`,
    );
    const result = await decideInvitations(
      { db, queue: new Queue(db) },
      orgId,
      ids.map((r) => r.id),
    );
    expect(result).toEqual({ invited: 2000, suppressed: 1 });
    const [last] = await queryRows<{ status: string; reason: string | null }>(
      db,
      sql`select status, reason from survey_invitations
        where org_id = ${orgId} and conversation_id = md5(${orgId} || 'c2000')::uuid`,
    );
    expect(last).toEqual({ status: "suppressed", reason: "cooldown" });
  });
});
