import type { Channel } from "../../db/schema/index.ts";
import { composeTurns, type Topic, type Turn } from "./compose.ts";
import { pushConversation, type DemoRows } from "./conversation-rows.ts";
import type { DemoSource } from "./demo-source.ts";
import {
  BANKING_REPLIES,
  classifyBankingIntent,
  type BankingGroup,
  TEAM_BY_BANKING_GROUP,
  TEAM_BY_BITEXT_CATEGORY,
} from "./demo-texts.ts";
import { Rng } from "./prng.ts";
import { DEMO_AGENTS, DEMO_BRAND, DEMO_TEAMS, type TeamKey } from "./roster.ts";
import { buildCustomerPool, type PoolCustomer } from "./customers.ts";
import { pickStart } from "./timeline.ts";

export type { DemoRows } from "./conversation-rows.ts";

export interface GenerateOptions {
  conversations: number;
  days: number;
  now: Date;
  seed: number;
}

const CHANNELS: readonly Channel[] = ["email", "chat", "phone", "social", "sms"];
const CHANNEL_WEIGHTS = [0.3, 0.32, 0.25, 0.1, 0.03];
const DAY = 86_400_000;
// One formatter for the run: Date#toLocaleDateString builds a new one per call (~0.2 ms each).
const DATE_FORMAT = new Intl.DateTimeFormat("en-US", {
  month: "long",
  day: "numeric",
  timeZone: "UTC",
});

interface PlannedTopic extends Topic {
  team: TeamKey;
  metadata: Record<string, unknown>;
}

/** Source rows indexed once per run: lookups per conversation must not scan the whole set. */
interface SourceIndex {
  bitextByIntent: Map<string, string[][]>;
  bankingByGroup: Map<BankingGroup, string[]>;
}

function indexSource(src: DemoSource): SourceIndex {
  const bitextByIntent = new Map<string, string[][]>();
  for (const r of src.bitext.rows) {
    const list = bitextByIntent.get(r[1]) ?? [];
    list.push(r);
    bitextByIntent.set(r[1], list);
  }
  const bankingByGroup = new Map<BankingGroup, string[]>();
  for (const [text, intent] of src.banking77) {
    const group = classifyBankingIntent(intent);
    const list = bankingByGroup.get(group) ?? [];
    list.push(text);
    bankingByGroup.set(group, list);
  }
  return { bitextByIntent, bankingByGroup };
}

function planTopic(rng: Rng, src: DemoSource, index: SourceIndex): PlannedTopic {
  if (rng.chance(0.72)) {
    const [opening, intent, reply] = rng.pick(src.bitext.rows);
    const [secondOpening = opening, , secondReply = reply] = rng.pick(
      index.bitextByIntent.get(intent) ?? [[opening]],
    );
    const category = src.bitext.intents[intent] ?? "other";
    return {
      category,
      opening,
      reply,
      secondOpening,
      secondReply,
      team: TEAM_BY_BITEXT_CATEGORY[category] ?? "orders",
      metadata: { demo: true, source: "bitext", intent, category },
    };
  }
  const [opening, intent] = rng.pick(src.banking77);
  const group = classifyBankingIntent(intent);
  const reply = BANKING_REPLIES[group];
  return {
    category: group,
    opening,
    reply,
    secondOpening: rng.pick(index.bankingByGroup.get(group) ?? [opening]),
    secondReply: reply,
    team: TEAM_BY_BANKING_GROUP[group],
    metadata: { demo: true, source: "banking77", intent, category: group },
  };
}

function subjectFor(opening: string): string {
  const first = (opening.split(/(?<=[.!?])\s/)[0] ?? opening).trim();
  const capped = first.charAt(0).toUpperCase() + first.slice(1);
  return capped.length > 70 ? `${capped.slice(0, 67).trimEnd()}…` : capped;
}

/** Builds every row of the demo organization in memory, deterministically for `opts.seed`. */
export function generateDemoRows(src: DemoSource, opts: GenerateOptions): DemoRows {
  const rng = new Rng(opts.seed);
  const now = opts.now.getTime();
  const windowStart = now - opts.days * DAY;
  const rows: DemoRows = {
    teams: [],
    agents: [],
    customers: [],
    identities: [],
    conversations: [],
    participants: [],
    messages: [],
  };
  const teamId = new Map<TeamKey, string>();
  for (const t of DEMO_TEAMS) {
    const id = rng.uuid();
    teamId.set(t.key, id);
    rows.teams.push({ id, key: t.key, name: t.name });
  }
  const agentsByTeam = new Map<TeamKey, { id: string; index: number }[]>();
  DEMO_AGENTS.forEach((a, index) => {
    const id = rng.uuid();
    const slug = a.name
      .normalize("NFD")
      .replace(/[^A-Za-z ]/g, "")
      .toLowerCase()
      .split(" ")
      .join(".");
    rows.agents.push({
      id,
      name: a.name,
      email: `${slug}@northwind.example`,
      external_id: `demo-agent-${index + 1}`,
      team_id: teamId.get(a.team) ?? "",
    });
    agentsByTeam.set(a.team, [...(agentsByTeam.get(a.team) ?? []), { id, index }]);
  });

  const sourceIndex = indexSource(src);
  const pool = buildCustomerPool(rng, Math.ceil(opts.conversations * 0.6));
  const used = new Map<number, { customer: PoolCustomer; channels: Set<string> }>();

  const pickAgent = (team: TeamKey): number => {
    const members = agentsByTeam.get(team) ?? [];
    const m = members[rng.weighted(members.map((x) => DEMO_AGENTS[x.index]?.load ?? 1))];
    return m?.index ?? 0;
  };

  const latest = now - 10 * 60_000;
  const dialogueCount = Math.min(src.abcd.length, Math.floor(opts.conversations / 100));
  for (let i = 0; i < opts.conversations - dialogueCount; i++) {
    const channel = CHANNELS[rng.weighted(CHANNEL_WEIGHTS)] ?? "chat";
    const topic = planTopic(rng, src, sourceIndex);
    const agentIdx = pickAgent(topic.team);
    const customerIdx = rng.int(0, pool.length - 1);
    const customer = pool[customerIdx];
    const agent = DEMO_AGENTS[agentIdx];
    if (!customer || !agent) continue;
    const entry = used.get(customerIdx) ?? { customer, channels: new Set<string>() };
    entry.channels.add(channel);
    used.set(customerIdx, entry);
    const start = pickStart(rng, channel, windowStart, latest);
    const slots = {
      order: String(rng.int(1_000_000_000, 9_999_999_999)),
      invoice: `INV-${rng.int(100_000, 999_999)}`,
      date: DATE_FORMAT.format(new Date(start.getTime() - rng.int(2, 10) * DAY)),
      phone: "1-800-555-0142",
      email: "support@northwind.example",
      site: "northwind.example",
      company: DEMO_BRAND,
      hours: "Monday to Friday, 8am to 8pm",
      days: "5-7 business days",
    };
    const turns = composeTurns(
      rng,
      {
        channel,
        style: agent.style,
        agentFirst: agent.name.split(" ")[0] ?? agent.name,
        customerFirst: customer.first,
        customerName: customer.name,
        customerEmail: customer.email,
        slots,
        emotions: src.goemotions,
      },
      topic,
    );
    pushConversation(rows, rng, now, {
      index: i,
      channel,
      teamId: teamId.get(topic.team) ?? "",
      agent,
      agentId: rows.agents[agentIdx]?.id ?? "",
      customer,
      turns,
      metadata: topic.metadata,
      start,
      subject: channel === "email" ? subjectFor(topic.opening) : null,
    });
  }

  // The ABCD sample chats are real human-to-human dialogues: ship them whole, with the agent's
  // system actions as internal notes.
  src.abcd.slice(0, dialogueCount).forEach((d, k) => {
    const name = d.customerName.replace(/\b\w/g, (c) => c.toUpperCase());
    const customer: PoolCustomer = {
      id: rng.uuid(),
      name,
      first: name.split(" ")[0] ?? name,
      email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@example.com`,
      phone: "",
      handle: "",
    };
    rows.customers.push({ id: customer.id, name: customer.name, email: customer.email });
    rows.identities.push({
      id: rng.uuid(),
      customer_id: customer.id,
      source: "email",
      external_id: customer.email,
    });
    const turns: Turn[] = d.turns.map(([speaker, text]) => ({
      role: speaker === "agent" ? "agent" : speaker === "customer" ? "customer" : "internal",
      text,
    }));
    const start = pickStart(rng, "chat", windowStart, latest - DAY);
    const agentIdx = pickAgent("orders");
    const agent = DEMO_AGENTS[agentIdx];
    if (!agent) return;
    pushConversation(rows, rng, now, {
      index: opts.conversations - dialogueCount + k,
      channel: "chat",
      teamId: teamId.get("orders") ?? "",
      agent,
      agentId: rows.agents[agentIdx]?.id ?? "",
      customer,
      turns,
      metadata: { demo: true, source: "abcd", intent: d.subflow, category: d.flow },
      start,
      subject: null,
    });
  });

  for (const { customer, channels } of used.values()) {
    rows.customers.push({ id: customer.id, name: customer.name, email: customer.email });
    rows.identities.push({
      id: rng.uuid(),
      customer_id: customer.id,
      source: "email",
      external_id: customer.email,
    });
    if (channels.has("phone") || channels.has("sms")) {
      rows.identities.push({
        id: rng.uuid(),
        customer_id: customer.id,
        source: "phone",
        external_id: customer.phone,
      });
    }
    if (channels.has("social")) {
      rows.identities.push({
        id: rng.uuid(),
        customer_id: customer.id,
        source: "social",
        external_id: customer.handle,
      });
    }
  }
  return rows;
}
