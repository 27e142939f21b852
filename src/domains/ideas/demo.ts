import type { Db } from "../../db/client.ts";
import type { IdeaStatus } from "../../db/schema/index.ts";
import { listFixes } from "../insights/index.ts";
import * as repo from "./ideas.repo.ts";
import { mineConversations } from "./ideas.service.ts";

const EMPLOYEE_IDEAS: {
  title: string;
  body: string;
  status: IdeaStatus;
  declineReason?: string;
  votes: number;
  /** The start of the title of the demo fix (insights) the idea became. */
  fix?: string;
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
    title: "Send activation codes by e-mail when the text message does not come",
    body: "Customers stuck without their code write to us again and again. An e-mail copy would let them in without us.",
    status: "done",
    votes: 6,
    fix: "Activation codes",
  },
  {
    title: "Link the tracking number straight to the courier",
    body: "Customers ask us what the tracking number means; a link to the courier's page could answer it.",
    status: "done",
    votes: 3,
    fix: "Tracking e-mails",
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

/**
 * Ideas at every status with votes and a comment, two of them linked to the demo's fixes (one that
 * worked, one that did not), plus those mined from the demo conversations.
 */
export async function seedDemoIdeas(
  db: Db,
  orgId: string,
  opts: { conversationIds: string[]; authorUserIds: string[] },
): Promise<void> {
  await mineConversations(db, orgId, opts.conversationIds);
  const voters = opts.authorUserIds;
  const fixes = await listFixes(db, orgId);
  for (const [i, idea] of EMPLOYEE_IDEAS.entries()) {
    const fix = idea.fix ? fixes.find((f) => f.title.startsWith(idea.fix!)) : undefined;
    const id = await repo.insertIdea(db, {
      fixId: fix?.id ?? null,
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
