import { expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg } from "../../../test/factories.ts";
import { findConversationTexts, findModelStates, saveModel } from "./reasons.repo.ts";

describeEachBackend("contact reasons: the text a conversation is clustered by", ({ database }) => {
  it("is the customer's opening turn, up to the agent's first reply, not their later reactions", async () => {
    const db = database().db;
    const { orgId } = await buildOrg(db);
    const opening = await buildConversation(db, orgId, {
      roles: ["bot", "agent", "customer", "customer", "agent", "customer", "customer"],
      texts: [
        "An agent will be with you shortly.",
        "Thank you for calling, how can I help?",
        "I need a refund for my order.",
        "It arrived damaged.",
        "I can do that for you.",
        "Perfect, that worked. Thank you!",
        "Mm-hm.",
      ],
    });
    const unanswered = await buildConversation(db, orgId, {
      roles: ["customer", "customer", "customer", "customer"],
      texts: ["Where is my parcel?", "Hello?", "Anyone there?", "Fourth message."],
    });
    const texts = await findConversationTexts(db, orgId, {
      limit: 10,
      ids: [opening, unanswered],
    });
    const textOf = new Map(texts.map((t) => [t.conversationId, t.text]));
    expect(textOf.get(opening)).toBe("I need a refund for my order. It arrived damaged.");
    // No reply yet: the customer's first three messages.
    expect(textOf.get(unanswered)).toBe("Where is my parcel? Hello? Anyone there?");
  });
});

describeEachBackend(
  "contact reasons: each org's model state for the hourly re-fit",
  ({ database }) => {
    it("counts conversations up to twice the model's size, bounded both ways", async () => {
      const db = database().db;
      const { orgId } = await buildOrg(db);
      for (let i = 0; i < 7; i++) await buildConversation(db, orgId, { texts: [`question ${i}`] });
      const total = (await findConversationTexts(db, orgId, { limit: 100 })).length;
      expect(total).toBeGreaterThanOrEqual(7);
      const stateOf = async (atLeast: number, atMost: number) =>
        (await findModelStates(db, atLeast, atMost)).find((s) => s.id === orgId)!;

      // No model yet: counted up to `atLeast`.
      expect(await stateOf(5, 100)).toEqual({
        id: orgId,
        fittedAt: null,
        fittedOn: null,
        conversations: 5,
      });
      await saveModel(db, orgId, { idf: {}, vectorSpace: null, conversations: 3 });
      const fitted = await stateOf(2, 100);
      expect(fitted).toMatchObject({ fittedOn: 3, conversations: 6 });
      expect(fitted.fittedAt).toBeInstanceOf(Date);
      expect((await stateOf(2, 4)).conversations).toBe(4);
      expect((await stateOf(20, 100)).conversations).toBe(total);
    });
  },
);
