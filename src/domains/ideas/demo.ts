import type { Db } from "../../db/client.ts";
import type { IdeaStatus } from "../../db/schema/index.ts";
import * as repo from "./ideas.repo.ts";
import { mineConversations } from "./ideas.service.ts";

const EMPLOYEE_IDEAS: {
  title: string;
  body: string;
  status: IdeaStatus;
  declineReason?: string;
  votes: number;
}[] = [
  {
    title: "Refund status page customers can check themselves",
    body: "Half of our billing chats are 'where is my refund'. A status page with the expected date would answer them before they contact us.",
    status: "planned",
    votes: 5,
  },
  {
    title: "Macro for the double-charge explanation",
    body: "We explain pre-authorisations many times a day; a reviewed macro would keep it accurate and short.",
    status: "done",
    votes: 4,
  },
  {
    title: "Weekend callback slots",
    body: "Customers who work weekdays cannot take our callbacks. Two weekend hours would cover most of them.",
    status: "reviewing",
    votes: 3,
  },
  {
    title: "Free express shipping on every replacement",
    body: "Replacements could always go express.",
    status: "declined",
    declineReason:
      "Express costs 4× standard; we already send express when the first parcel was lost.",
    votes: 1,
  },
  {
    title: "Show the customer's last survey comment in the conversation",
    body: "Knowing what annoyed them last time would help us open the next conversation well.",
    status: "new",
    votes: 2,
  },
];

/** Ideas at every status with votes and a comment, plus those mined from the demo conversations. */
export async function seedDemoIdeas(
  db: Db,
  orgId: string,
  opts: { conversationIds: string[]; authorUserIds: string[] },
): Promise<void> {
  await mineConversations(db, orgId, opts.conversationIds);
  const voters = opts.authorUserIds;
  for (const [i, idea] of EMPLOYEE_IDEAS.entries()) {
    const id = await repo.insertIdea(db, {
      orgId,
      title: idea.title,
      body: idea.body,
      status: idea.status,
      declineReason: idea.declineReason ?? null,
      authorUserId: voters[i % Math.max(voters.length, 1)] ?? null,
    });
    for (const voter of voters.slice(0, idea.votes))
      await repo.insertVote(db, orgId, id, `u:${voter}`);
    if (i === 0 && voters[0])
      await repo.insertComment(
        db,
        orgId,
        id,
        voters[0],
        "Finance can give us the expected dates by API.",
      );
  }
}
