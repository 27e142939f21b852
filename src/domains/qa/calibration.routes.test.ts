import { beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import type { TestOrg } from "../../../test/factories.ts";
import { setUpQaRoutes, type QaRoutes } from "../../../test/qa-routes.ts";

interface Summary {
  id: string;
  name: string;
  awaitingMe: boolean;
  createdAt: string;
}
interface Page {
  items: Summary[];
  nextCursor: string | null;
}

describeEachBackend("calibration sessions, a page at a time", ({ database }) => {
  let org: TestOrg;
  let s: QaRoutes["s"];
  let chatCardId: string;
  const created: string[] = [];

  beforeAll(async () => {
    ({ org, s, chatCardId } = await setUpQaRoutes(database()));
    // Five sessions, newest last; the QA analyst reviews the even ones.
    for (let i = 0; i < 5; i++) {
      const res = await s.leader.request("POST", "/api/v1/qa/calibrations", {
        name: `Session ${i}`,
        scorecardId: chatCardId,
        conversationIds: [org.conversationId],
        reviewerUserIds:
          i % 2 === 0
            ? [org.users.qa.id, org.users.leader.id]
            : [org.users.leader.id, org.users.admin.id],
      });
      expect(res.status).toBe(201);
      created.push(((await res.json()) as { id: string }).id);
    }
  });

  const list = async (query: string) => {
    const res = await s.qa.request("GET", `/api/v1/qa/calibrations${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Page;
  };

  it("walks every session once, newest first, by nextCursor", async () => {
    const seen: string[] = [];
    let page = await list("?limit=2");
    for (let guard = 0; guard < 10; guard++) {
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      if (page.nextCursor === null) break;
      page = await list(`?limit=2&cursor=${page.nextCursor}`);
    }
    expect(seen).toEqual([...created].reverse());
  });

  it("keeps only what awaits the caller with awaitingMe=true, until they have answered", async () => {
    const awaiting = await list("?awaitingMe=true&limit=2");
    expect(awaiting.items.map((i) => i.name)).toEqual(["Session 4", "Session 2"]);
    expect(awaiting.items.every((i) => i.awaitingMe)).toBe(true);
    const rest = await list(`?awaitingMe=true&limit=2&cursor=${awaiting.nextCursor}`);
    expect(rest.items.map((i) => i.name)).toEqual(["Session 0"]);
    const submitted = await s.qa.request("POST", `/api/v1/qa/calibrations/${created[4]}/reviews`, {
      conversationId: org.conversationId,
      answers: [
        { key: "correct_information", answer: "pass" },
        { key: "greeting", answer: "pass" },
      ],
    });
    expect(submitted.status).toBe(201);
    expect((await list("?awaitingMe=true")).items.map((i) => i.name)).toEqual([
      "Session 2",
      "Session 0",
    ]);
  });

  it("answers 400 for a cursor that is not one, and for a limit out of range", async () => {
    for (const query of ["?cursor=bm90LWEtY3Vyc29y", "?limit=0", "?limit=101", "?awaitingMe=yes"]) {
      expect((await s.qa.request("GET", `/api/v1/qa/calibrations${query}`)).status).toBe(400);
    }
  });
});
