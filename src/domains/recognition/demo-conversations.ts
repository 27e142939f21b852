import type { IngestConversation } from "../conversations/index.ts";
import type { ChannelMessagesBody } from "../culture/index.ts";

/**
 * Conversations the recognition, ideas and culture demo needs and the generated demo lacks: praise
 * (wow stories), customer suggestions and an idea note (innovation box), and internal notes that
 * vent about customers across six weeks and three teams (culture). Agents are the demo roster's
 * (`demo-agent-N`, in their own teams), so these add to the generated demo rather than beside it.
 */
const AGENTS = [
  { n: 2, name: "Marcus Bell", team: "Billing & Payments" },
  { n: 10, name: "Grace O'Connor", team: "Orders & Delivery" },
  { n: 20, name: "Rebecca Stone", team: "Accounts & Security" },
  { n: 1, name: "Priya Raman", team: "Billing & Payments" },
  { n: 13, name: "Jamal Washington", team: "Orders & Delivery" },
  { n: 23, name: "Samuel Adeyemi", team: "Accounts & Security" },
] as const;

interface Script {
  agent: number;
  customer: string;
  daysAgo: number;
  turns: [role: "customer" | "agent" | "internal", text: string][];
}

const SCRIPTS: Script[] = [
  {
    agent: 0,
    customer: "Maria Lopez",
    daysAgo: 2,
    turns: [
      ["customer", "Hi, my card was charged twice for the same order, maria.lopez@example.com."],
      [
        "agent",
        "I'm so sorry about that, let me look right away. I can see the duplicate charge and I've refunded it now.",
      ],
      ["customer", "Maria here: thank you so much, Marcus was wonderful and sorted it in minutes!"],
    ],
  },
  {
    agent: 1,
    customer: "Tunde Mensah",
    daysAgo: 3,
    turns: [
      ["customer", "My parcel says delivered but it isn't here."],
      [
        "agent",
        "I'm sorry, that's worrying. I've opened a trace with the courier and I'm sending a replacement today by express.",
      ],
      ["customer", "Wow, that was fantastic, thank you for going above and beyond!"],
    ],
  },
  {
    agent: 2,
    customer: "Freya Jensen",
    daysAgo: 4,
    turns: [
      ["customer", "I'm locked out of my account and I have a payment due tomorrow."],
      [
        "agent",
        "I understand how stressful that is. I've verified you and reset access; you can log in now.",
      ],
      ["customer", "Brilliant, you're a star. Thanks so much for being so patient with me."],
    ],
  },
  {
    agent: 3,
    customer: "Omar Khan",
    daysAgo: 1,
    turns: [
      ["customer", "Can you explain the late fee on my last invoice?"],
      [
        "agent",
        "Of course. The fee was added in error because the payment cleared on a bank holiday; I've removed it.",
      ],
      [
        "customer",
        "Thank you so much, you were amazing and so helpful! Best service I've had in years.",
      ],
    ],
  },
  {
    agent: 1,
    customer: "Astrid Nilsson",
    daysAgo: 5,
    turns: [
      ["customer", "Where is my order? I had no email with tracking."],
      ["agent", "It left our warehouse yesterday; here is the tracking number."],
      [
        "customer",
        "You should add a tracking link to the confirmation email, it would save everyone a call.",
      ],
      ["internal", "Idea: let customers pick a delivery slot when a parcel is rescheduled."],
    ],
  },
  {
    agent: 2,
    customer: "Kwame Boateng",
    daysAgo: 6,
    turns: [
      ["customer", "I want to cancel my subscription while I'm travelling."],
      ["agent", "I can cancel it for you now, or I can note it for when you're back."],
      ["customer", "You should offer a way to pause my subscription instead of cancelling."],
    ],
  },
];

const VENTING = [
  "Customer is an idiot, third time explaining the refund.",
  "What a moron, can't read an email.",
  "Another clueless one who never reads the FAQ.",
  "Typical whiny customer, ignoring him until Monday.",
  "Honestly so entitled, wants it free again.",
];

/** Venting notes: more in the weeks before a team talk, fewer after (the trend the chart shows). */
function ventingScripts(): Script[] {
  const out: Script[] = [];
  const perWeek = [3, 4, 3, 2, 1, 1];
  perWeek.forEach((count, w) => {
    for (let i = 0; i < count; i++) {
      out.push({
        agent: 3 + ((w + i) % 3),
        customer: `Demo Customer ${w}-${i}`,
        daysAgo: (5 - w) * 7 + 1 + i,
        turns: [
          ["customer", "I still haven't had my refund and nobody calls me back."],
          ["agent", "I'm sorry for the wait, I'm checking it now."],
          ["internal", VENTING[(w + i) % VENTING.length]!],
        ],
      });
    }
  });
  return out;
}

/** Forwarded team chat (culture): venting among ordinary talk, fewer after a team talk four weeks ago. */
export function demoChannelMessages(now: Date): ChannelMessagesBody {
  const perWeek = [2, 3, 2, 1, 0, 1];
  const items: ChannelMessagesBody["items"] = [];
  perWeek.forEach((count, w) => {
    for (let i = 0; i < count + 2; i++) {
      const agent = AGENTS[3 + ((w + i) % 3)]!;
      const venting = i < count;
      items.push({
        externalId: `demo-slack-${w}-${i}`,
        channel: venting ? "#support-floor" : "#team-lunch",
        author: { externalId: `demo-agent-${agent.n}` },
        sentAt: new Date(now.getTime() - ((5 - w) * 7 + 2 + i) * 86_400_000).toISOString(),
        text: venting
          ? VENTING[(w + i + 2) % VENTING.length]!
          : "Anyone up for lunch at noon? The new place on Main Street.",
      });
    }
  });
  return { source: "slack", items };
}

/** The praised conversations are model ones too (greeting, resolution check, closing): QA scores them high. */
function exemplary(s: Script): Script {
  const [ask, fix, praise] = s.turns;
  if (!ask || !fix || !praise) return s;
  return {
    ...s,
    turns: [
      [
        "agent",
        `Hello, thank you for contacting Northwind, my name is ${AGENTS[s.agent]!.name.split(" ")[0]}. How can I help you today?`,
      ],
      ask,
      fix,
      ["agent", "Is there anything else I can help you with today?"],
      praise,
      ["agent", "Thank you for contacting Northwind, have a lovely day!"],
    ],
  };
}

export function demoRecognitionConversations(now: Date): IngestConversation[] {
  const scripts = [...SCRIPTS.slice(0, 4).map(exemplary), ...SCRIPTS.slice(4), ...ventingScripts()];
  return scripts.map((s, k) => {
    const agent = AGENTS[s.agent]!;
    const start = now.getTime() - s.daysAgo * 86_400_000;
    const email = `${s.customer.toLowerCase().replace(/[^a-z]+/g, ".")}@example.com`;
    return {
      externalId: `recognition-demo-${k + 1}`,
      source: "demo",
      channel: "chat",
      // Closed, not resolved: resolved ones would draw survey invitations into the surveys demo.
      status: "closed",
      // Demo data like the rest, told apart from the generator's (the demo seed test reads this).
      metadata: { demo: true, demoPart: "recognition" },
      customer: { externalId: email, name: s.customer, email },
      agent: { externalId: `demo-agent-${agent.n}`, name: agent.name },
      team: agent.team,
      messages: s.turns.map(([role, text], i) => ({
        role,
        text,
        ts: new Date(start + i * 90_000).toISOString(),
        ...(role === "agent" || role === "internal"
          ? { agentExternalId: `demo-agent-${agent.n}` }
          : {}),
      })),
    };
  });
}
