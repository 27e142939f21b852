import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { JOB_DEFINITIONS } from "../../jobs/registry.ts";
import { Queue } from "../../jobs/queue.ts";
import { startWorker, type Worker } from "../../jobs/worker.ts";
import { createLogger } from "../../logger.ts";
import { ANALYZE_JOB, announceConversationsChanged } from "../conversations/index.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg, type TestOrg } from "../../../test/factories.ts";
import { createFix, fillUnfilledFixes, fixImpact, getFix } from "./fixes.service.ts";

const DAY = 86_400_000;
const SHIPPED = Date.parse("2026-10-01T00:00:00Z");
const ACTIVATION = "I never received the activation code for my card";
const REFUND = "I want my refund for the returned order";
const LABEL = "Where is the delivery label for my parcel";
const LABEL_COMPLAINT =
  "I was charged twice for the delivery label and nobody answers my emails, this is useless";

describeEachBackend("fix_conversations: a fix's saved-search matches", ({ database }) => {
  let org: TestOrg;
  let other: TestOrg;
  let queue: Queue;
  let worker: Worker;
  const byText: Record<string, string[]> = { activation: [], refund: [], other: [] };

  const db = () => database().db;
  const converse = (orgId: string, text: string, at: number) =>
    buildConversation(db(), orgId, { startedAt: new Date(at), texts: [text, "Let me check."] });
  const rowsOf = async (fixId: string) =>
    (
      await queryRows<{ conversation_id: string; org_id: string }>(
        db(),
        sql`select conversation_id, org_id from fix_conversations where fix_id = ${fixId}`,
      )
    )
      .map((r) => r.conversation_id)
      .sort();
  const newFix = async (orgId: string, search: string) =>
    (
      await createFix(db(), queue, orgId, null, {
        title: `fix ${search}`,
        shippedAt: new Date(SHIPPED).toISOString(),
        target: { search },
      })
    ).id;

  beforeAll(async () => {
    org = await buildOrg(db());
    other = await buildOrg(db());
    queue = new Queue(db());
    worker = startWorker({ db: db(), queue, logger: createLogger("silent") }, JOB_DEFINITIONS, {
      pollMs: 60_000,
    });
    for (let i = 0; i < 6; i++) {
      const at = SHIPPED + (i - 3) * 5 * DAY;
      byText.activation!.push(await converse(org.orgId, ACTIVATION, at));
      byText.refund!.push(await converse(org.orgId, REFUND, at + DAY));
    }
    byText.other!.push(await converse(other.orgId, ACTIVATION, SHIPPED - DAY));
  });
  afterAll(async () => {
    await worker.stop();
  });

  it("fills a fix created after its conversations, and the impact is the live search's", async () => {
    const fixId = await newFix(org.orgId, "activation code");
    // Not filled yet: the impact matches the search live.
    expect((await getFix(db(), org.orgId, fixId)).searchFilledFor).toBeNull();
    const live = await fixImpact(db(), org.orgId, fixId);
    await worker.drain();
    expect((await getFix(db(), org.orgId, fixId)).searchFilledFor).toBe("activation code");
    expect(await rowsOf(fixId)).toEqual([...byText.activation!].sort());
    const filled = await fixImpact(db(), org.orgId, fixId);
    expect(filled).toEqual(live);
    expect(filled.before.conversations + filled.after.conversations).toBe(6);
  });

  it("adds conversations that arrive after the fix, and follows a changed start", async () => {
    const fixId = await newFix(org.orgId, "activation code");
    await worker.drain();
    const late = await converse(org.orgId, ACTIVATION, SHIPPED + 2 * DAY);
    const unrelated = await converse(org.orgId, REFUND, SHIPPED + 2 * DAY);
    await announceConversationsChanged(queue, db(), org.orgId, [late, unrelated]);
    await worker.drain();
    expect(await rowsOf(fixId)).toEqual([...byText.activation!, late].sort());

    const earlier = new Date(SHIPPED - 2 * DAY);
    await db().execute(sql`update conversations set started_at = ${earlier} where id = ${late}`);
    await announceConversationsChanged(queue, db(), org.orgId, [late]);
    await worker.drain();
    const [row] = await queryRows<{ started_at: string | Date }>(
      db(),
      sql`select started_at from fix_conversations where fix_id = ${fixId} and conversation_id = ${late}`,
    );
    expect(new Date(row!.started_at).getTime()).toBe(earlier.getTime());
    await db().execute(sql`delete from conversations where id in (${late}, ${unrelated})`);
    expect(await rowsOf(fixId)).toEqual([...byText.activation!].sort());
  });

  it("matches live while an edited target is not refilled, then refills", async () => {
    const fixId = await newFix(org.orgId, "activation code");
    await worker.drain();
    await db().execute(
      sql`update fixes set target = ${JSON.stringify({ search: "refund" })}::jsonb where id = ${fixId}`,
    );
    const live = await fixImpact(db(), org.orgId, fixId);
    expect(live.before.conversations + live.after.conversations).toBe(6);
    expect(await fillUnfilledFixes(db(), org.orgId)).toBeGreaterThanOrEqual(1);
    expect(await rowsOf(fixId)).toEqual([...byText.refund!].sort());
    expect(await fixImpact(db(), org.orgId, fixId)).toEqual(live);
    expect(await fillUnfilledFixes(db(), org.orgId)).toBe(0);
  });

  it("drops a conversation whose texts retention emptied", async () => {
    const fixId = await newFix(org.orgId, "activation code");
    await worker.drain();
    const emptied = byText.activation![0]!;
    await db().execute(sql`update messages set text = '' where conversation_id = ${emptied}`);
    expect(await rowsOf(fixId)).toEqual(byText.activation!.slice(1).sort());
    await db().execute(
      sql`update messages set text = ${ACTIVATION} where conversation_id = ${emptied} and seq = 0`,
    );
    await announceConversationsChanged(queue, db(), org.orgId, [emptied]);
    await worker.drain();
    expect(await rowsOf(fixId)).toEqual([...byText.activation!].sort());
  });

  it("drops a deleted fix's rows", async () => {
    const fixId = await newFix(org.orgId, "refund");
    await worker.drain();
    expect(await rowsOf(fixId)).toHaveLength(6);
    await db().execute(sql`delete from fixes where id = ${fixId}`);
    expect(await rowsOf(fixId)).toEqual([]);
  });

  /** Re-analyses the conversations as the ingest analysis job does, which then announces them. */
  const reanalyse = async (orgId: string, conversationIds: string[]) => {
    await queue.enqueue(ANALYZE_JOB, { orgId, conversationIds }, { orgId });
    await worker.drain();
  };
  /** The impact from the fix's rows and, for comparison, matched live over the analyses. */
  const impacts = async (orgId: string, fixId: string) => {
    const filled = await fixImpact(db(), orgId, fixId);
    await db().execute(sql`update fixes set search_filled_for = null where id = ${fixId}`);
    const live = await fixImpact(db(), orgId, fixId);
    await db().execute(
      sql`update fixes set search_filled_for = target ->> 'search' where id = ${fixId}`,
    );
    return { filled, live };
  };

  it("refreshes a conversation's complaint and satisfaction after a re-analysis", async () => {
    const ids = [
      await converse(org.orgId, LABEL, SHIPPED - 3 * DAY),
      await converse(org.orgId, LABEL, SHIPPED + 3 * DAY),
    ];
    await reanalyse(org.orgId, ids);
    const fixId = await newFix(org.orgId, "delivery label");
    await worker.drain();
    const first = await impacts(org.orgId, fixId);
    expect(first.filled).toEqual(first.live);
    expect(first.filled.complaintRate.after).toMatchObject({ value: 0, n: 1 });
    expect(first.filled.predictedSatisfaction.after.n).toBe(1);

    await db().execute(
      sql`update messages set text = ${LABEL_COMPLAINT} where conversation_id = ${ids[1]!} and seq = 0`,
    );
    await reanalyse(org.orgId, [ids[1]!]);
    const second = await impacts(org.orgId, fixId);
    expect(second.filled).toEqual(second.live);
    expect(second.filled.complaintRate.after).toMatchObject({ value: 1, n: 1 });
    expect(second.filled.complaintRate.before).toEqual(first.filled.complaintRate.before);
    expect(second.filled.predictedSatisfaction.after.value).not.toBe(
      first.filled.predictedSatisfaction.after.value,
    );
  });

  it("keeps a re-analysis in one tenant out of another's impact", async () => {
    const mine = await converse(org.orgId, LABEL, SHIPPED + 4 * DAY);
    const theirs = await converse(other.orgId, LABEL, SHIPPED + 4 * DAY);
    await reanalyse(org.orgId, [mine]);
    await reanalyse(other.orgId, [theirs]);
    const myFix = await newFix(org.orgId, "delivery label");
    const theirFix = await newFix(other.orgId, "delivery label");
    await worker.drain();
    const myBefore = await fixImpact(db(), org.orgId, myFix);

    await db().execute(
      sql`update messages set text = ${LABEL_COMPLAINT} where conversation_id = ${theirs} and seq = 0`,
    );
    await reanalyse(other.orgId, [theirs]);
    expect(await rowsOf(theirFix)).toEqual([theirs]);
    expect(await fixImpact(db(), org.orgId, myFix)).toEqual(myBefore);
    const their = await impacts(other.orgId, theirFix);
    expect(their.filled).toEqual(their.live);
    expect(their.filled.complaintRate.after).toMatchObject({ value: 1, n: 1 });
  });

  it("keeps tenants apart", async () => {
    const mine = await newFix(org.orgId, "activation code");
    const theirs = await newFix(other.orgId, "activation code");
    await worker.drain();
    const late = await converse(other.orgId, ACTIVATION, SHIPPED + DAY);
    await announceConversationsChanged(queue, db(), other.orgId, [late]);
    await worker.drain();
    expect(await rowsOf(mine)).toEqual([...byText.activation!].sort());
    expect(await rowsOf(theirs)).toEqual([...byText.other!, late].sort());
    const impact = await fixImpact(db(), other.orgId, theirs);
    expect(impact.before).toMatchObject({ conversations: 1, totalConversations: 1 });
  });
});
