import { expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg } from "../../../test/factories.ts";
import { findConversationTexts } from "./reasons.repo.ts";

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
