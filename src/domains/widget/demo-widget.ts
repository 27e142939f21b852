import { analyzeMessage } from "../../analysis/index.ts";
import type { Db } from "../../db/client.ts";
import type { HandoffReason, WidgetMessageRole } from "../../db/schema/index.ts";
import { HANDOFF_NOTICE, UNKNOWN_REPLY } from "./bot.ts";
import * as repo from "./widget.repo.ts";
import { setWidgetSettings } from "./widget-settings.service.ts";

/**
 * The demo organization's widget: switched on for local test pages (localhost and 127.0.0.1 on
 * the usual development ports), and a few chats already handed off, so the inbox and the
 * handoff-quality report have something to show: one repeated, one not, one waiting. They are
 * not stored as conversations (the demo's 300 generated ones stay the whole corpus); a chat
 * becomes one with its whole transcript at its first new message, like any chat (storeAsConversation).
 */
export const DEMO_WIDGET_ORIGINS = [
  "http://localhost:3000",
  "http://localhost:5173",
  "http://localhost:8080",
  "http://127.0.0.1:3000",
  "http://127.0.0.1:5173",
  "http://127.0.0.1:8080",
];

type Line = [WidgetMessageRole, string, number];
interface DemoChat {
  daysAgo: number;
  reason: HandoffReason;
  signals: string[];
  /** Index in `lines` of the last line before the handoff notice. */
  handoffAfter: number;
  agentReplies: boolean;
  lines: Line[];
}

const MIN = 60_000;
const CHATS: DemoChat[] = [
  {
    daysAgo: 9,
    reason: "requested",
    signals: [],
    handoffAfter: 2,
    agentReplies: true,
    lines: [
      ["customer", "My parcel for order 4471 says delivered but nothing arrived.", 0],
      ["bot", UNKNOWN_REPLY, 0.1],
      ["customer", "Can I talk to a human please?", 1],
      [
        "agent",
        "Hi, I'm sorry your parcel hasn't turned up. I can see order 4471 — I'm opening a trace with the courier now.",
        4,
      ],
      ["customer", "Thank you, that's quick.", 5],
    ],
  },
  {
    daysAgo: 6,
    reason: "alert",
    signals: ["churn_threat"],
    handoffAfter: 0,
    agentReplies: true,
    lines: [
      ["customer", "You charged me twice this month again. I'm going to cancel my account.", 0],
      ["agent", "I'm sorry about the double charge. Could you tell me what happened?", 12],
      ["customer", "As I said, you charged me twice this month, I already told the bot.", 13],
    ],
  },
  {
    daysAgo: 3,
    reason: "low_confidence",
    signals: [],
    handoffAfter: 2,
    agentReplies: true,
    lines: [
      ["customer", "Does the loyalty discount stack with the student offer?", 0],
      ["bot", UNKNOWN_REPLY, 0.1],
      ["customer", "The student one from your spring newsletter.", 1],
      ["agent", "Good question: yes, both apply at checkout, loyalty first.", 3],
    ],
  },
  {
    daysAgo: 0,
    reason: "alert",
    signals: ["vulnerability"],
    handoffAfter: 0,
    agentReplies: false,
    lines: [
      ["customer", "I've just lost my job and I can't pay this bill, I'm really struggling.", 0],
    ],
  },
];

/**
 * Older handed-off chats, closed, so the handoff-quality report has a 90-day history: the first
 * three chats above again every two days or so, each answered a few minutes later or sooner.
 */
function closedHistory(): (DemoChat & { closed: true; delay: number })[] {
  return Array.from({ length: 36 }, (_, k) => ({
    ...CHATS[k % 3]!,
    daysAgo: 10 + Math.round(k * 2.2),
    closed: true,
    delay: (k * 7) % 13,
  }));
}

export async function seedDemoWidget(db: Db, orgId: string, now = new Date()): Promise<void> {
  await setWidgetSettings(db, orgId, {
    enabled: true,
    allowedOrigins: DEMO_WIDGET_ORIGINS,
    botThreshold: 0.35,
    greeting: "Hi! I'm Northwind's assistant. Ask me anything, or ask for a person at any time.",
    teamId: null,
    articleUrlTemplate: null,
  });
  const agent = await repo.findAnyMemberWithRole(db, orgId, "agent");
  const all: (DemoChat & { closed?: boolean; delay?: number })[] = [...CHATS, ...closedHistory()];
  for (const [i, demo] of all.entries()) {
    const start = now.getTime() - demo.daysAgo * 86_400_000 - (i + 1) * 37 * MIN;
    const at = (minutes: number) => new Date(start + minutes * MIN);
    const chat = await repo.insertChat(db, {
      orgId,
      visitorId: `demo-visitor-${i + 1}`,
      origin: DEMO_WIDGET_ORIGINS[0]!,
    });
    const before = demo.lines.slice(0, demo.handoffAfter + 1);
    const after = demo.lines
      .slice(demo.handoffAfter + 1)
      .map(([role, text, minutes]): Line => [role, text, minutes + (demo.delay ?? 0)]);
    const toRow = ([role, text, minutes]: Line) => ({
      role,
      text,
      createdAt: at(minutes),
      signals: role === "customer" ? analyzeMessage({ text }).signals.map((s) => s.name) : [],
      ...(role === "bot" ? { attempts: [], confidence: 0 } : {}),
      ...(role === "agent" && agent ? { authorUserId: agent.id } : {}),
    });
    await repo.appendMessages(db, chat, before.map(toRow));
    const handedOffAt = at(before.at(-1)![2] + 0.2);
    const handoffSeq = chat.lastSeq;
    await repo.appendMessages(db, chat, [
      { role: "system", text: HANDOFF_NOTICE, createdAt: handedOffAt },
    ]);
    await repo.appendMessages(db, chat, after.map(toRow));
    const firstReply = after.find(([role]) => role === "agent");
    await repo.updateChat(db, orgId, chat.id, {
      status: demo.closed ? "closed" : demo.agentReplies && agent ? "assigned" : "queued",
      assignedUserId: demo.agentReplies && agent ? agent.id : null,
      handoffReason: demo.reason,
      handoffSignals: demo.signals,
      handoffSeq,
      handedOffAt,
      firstHumanReplyAt: firstReply ? at(firstReply[2]) : null,
    });
  }
}
