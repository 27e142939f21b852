/**
 * The demo organization's insights: extra conversations that give one reason a spike last week,
 * a fix that worked (card activation codes: contacts fell after it shipped) and one that did not
 * (tracking e-mails: contacts held level), and a queued job that fits the reasons from all of them.
 */
import type { Db } from "../../db/client.ts";
import { Queue } from "../../jobs/queue.ts";
import { ingestConversations } from "../conversations/index.ts";
import * as fixesRepo from "./fixes.repo.ts";
import { reclusterReasonsJob } from "./insights.jobs.ts";
import { weekStartOf } from "./spikes.ts";

const DAY_MS = 86_400_000;

const ACTIVATION = [
  "I never received the activation code for my new card",
  "The card activation code text message did not arrive",
  "My activation code expired before I could activate the card",
  "Where is the activation code? I can't activate my card",
  "Activation code for the card is not working, it says invalid",
];
const TRACKING = [
  "The tracking number you sent does not work on the courier site",
  "My tracking number shows no updates for days",
  "I got a tracking number but it says parcel not found",
  "Can you check my tracking number, the tracking page is blank",
];
const CRASH = [
  "The mobile app crashes every time I open it",
  "Your app keeps crashing on the login screen after the update",
  "App crash again when I try to log in, please fix the app",
  "Since the latest app update it crashes immediately",
];

/** A tiny deterministic generator so the demo is the same for the same seed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

function item(i: number, text: string, at: Date, topic: string) {
  const ts = at.toISOString();
  return {
    externalId: `insights-${topic}-${i}`,
    source: "demo-insights",
    channel: "chat" as const,
    // Demo data like the rest, told apart from the generator's (the demo seed test reads this).
    metadata: { demo: true, demoPart: "insights" },
    // Closed, not resolved: resolved conversations would draw survey invitations into the surveys demo.
    status: "closed" as const,
    customer: { externalId: `insights-customer-${topic}-${i}`, name: `Customer ${i}` },
    agent: { externalId: "demo-insights-agent", name: "Robin Reyes" },
    messages: [
      { role: "customer" as const, text, ts },
      {
        role: "agent" as const,
        text: "Thanks for telling us, I have looked into it for you.",
        ts: new Date(at.getTime() + 120_000).toISOString(),
      },
    ],
  };
}

/** `count` conversations spread evenly (with jitter) over [from, to). */
function spread(
  topic: string,
  texts: string[],
  count: number,
  from: number,
  to: number,
  rnd: () => number,
) {
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(from + ((i + rnd()) / count) * (to - from));
    return item(i, texts[i % texts.length]!, at, `${topic}-${from}`);
  });
}

export async function seedDemoInsights(db: Db, orgId: string, now = new Date()): Promise<void> {
  const rnd = lcg(15);
  const t = now.getTime();
  const activationShipped = t - 30 * DAY_MS;
  const trackingShipped = t - 32 * DAY_MS;
  const lastWeek = Date.parse(weekStartOf(now)) - 7 * DAY_MS;
  const items = [
    ...spread(
      "activation",
      ACTIVATION,
      90,
      activationShipped - 28 * DAY_MS,
      activationShipped,
      rnd,
    ),
    ...spread("activation", ACTIVATION, 14, activationShipped, t - DAY_MS, rnd),
    ...spread("tracking", TRACKING, 45, trackingShipped - 28 * DAY_MS, trackingShipped, rnd),
    ...spread("tracking", TRACKING, 46, trackingShipped, t - 4 * DAY_MS, rnd),
    ...spread("crash", CRASH, 30, lastWeek - 70 * DAY_MS, lastWeek, rnd),
    ...spread("crash", CRASH, 40, lastWeek, lastWeek + 7 * DAY_MS, rnd),
  ];
  const deps = { db, queue: new Queue(db) };
  for (let i = 0; i < items.length; i += 500)
    await ingestConversations(deps, orgId, items.slice(i, i + 500));
  // Fitted by the worker rather than here: the first start of a demo server must stay quick.
  await deps.queue.enqueue(reclusterReasonsJob.name, { orgId }, { orgId });
  await fixesRepo.insertFix(db, {
    orgId,
    title: "Activation codes sent by e-mail as well as text message",
    description: "Customers whose text message never came now get the code by e-mail too.",
    shippedAt: new Date(activationShipped),
    target: { search: "activation code" },
  });
  await fixesRepo.insertFix(db, {
    orgId,
    title: "Tracking e-mails link straight to the courier's page",
    description: "The shipping e-mail now links to the courier's tracking page.",
    shippedAt: new Date(trackingShipped),
    target: { search: "tracking number" },
  });
}
