import type { Channel, ConversationStatus, MessageRole } from "../../db/schema/index.ts";
import { composeTurns, type Topic, type Turn } from "./compose.ts";
import type { DemoSource } from "./demo-source.ts";
import {
  BANKING_REPLIES,
  classifyBankingIntent,
  TEAM_BY_BANKING_GROUP,
  TEAM_BY_BITEXT_CATEGORY,
} from "./demo-texts.ts";
import { Rng } from "./prng.ts";
import { DEMO_AGENTS, DEMO_BRAND, DEMO_TEAMS, type TeamKey } from "./roster.ts";
import { buildCustomerPool, type PoolCustomer } from "./customers.ts";
import { pickStart, timeTurns, type TimedTurn } from "./timeline.ts";

/** Rows in the shape the repo inserts (snake_case, matching jsonb_to_recordset column lists). */
export interface DemoRows {
  teams: { id: string; key: TeamKey; name: string }[];
  agents: { id: string; name: string; email: string; external_id: string; team_id: string }[];
  customers: { id: string; name: string; email: string }[];
  identities: { id: string; customer_id: string; source: string; external_id: string }[];
  conversations: {
    id: string;
    external_id: string;
    channel: Channel;
    status: ConversationStatus;
    subject: string | null;
    customer_id: string;
    agent_id: string;
    team_id: string;
    started_at: string;
    ended_at: string | null;
    message_count: number;
    metadata: Record<string, unknown>;
  }[];
  participants: {
    id: string;
    conversation_id: string;
    role: MessageRole;
    agent_id: string | null;
    customer_id: string | null;
    display_name: string;
  }[];
  messages: {
    id: string;
    conversation_id: string;
    seq: number;
    role: MessageRole;
    agent_id: string | null;
    text: string;
    ts: string;
    start_offset: number | null;
    end_offset: number | null;
  }[];
}

export interface GenerateOptions {
  conversations: number;
  days: number;
  now: Date;
  seed: number;
}

const CHANNELS: readonly Channel[] = ["email", "chat", "phone", "social", "sms"];
const CHANNEL_WEIGHTS = [0.3, 0.32, 0.25, 0.1, 0.03];
const DAY = 86_400_000;

interface PlannedTopic extends Topic {
  team: TeamKey;
  metadata: Record<string, unknown>;
}

function planTopic(rng: Rng, src: DemoSource, byIntent: Map<string, string[][]>): PlannedTopic {
  if (rng.chance(0.72)) {
    const [opening, intent, reply] = rng.pick(src.bitext.rows);
    const [secondOpening = opening, , secondReply = reply] = rng.pick(
      byIntent.get(intent) ?? [[opening]],
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
  const sameGroup = src.banking77.filter(([, i]) => classifyBankingIntent(i) === group);
  return {
    category: group,
    opening,
    reply,
    secondOpening: rng.pick(sameGroup.length > 0 ? sameGroup : src.banking77)[0],
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

/** Cuts an unfinished conversation so it ends on the side the status implies. */
function cutForStatus(turns: TimedTurn[], status: ConversationStatus): TimedTurn[] {
  const want: MessageRole = status === "open" ? "customer" : "agent";
  const firstCustomer = turns.findIndex((t) => t.role === "customer");
  for (let i = turns.length - 1; i > firstCustomer; i--) {
    if (turns[i]?.role === want) return turns.slice(0, i + 1);
  }
  return turns.slice(0, firstCustomer + 1);
}

function pickStatus(rng: Rng, ageDays: number): ConversationStatus {
  if (ageDays > 7) return rng.chance(0.9) ? "closed" : "resolved";
  const r = rng.next();
  const unfinished = ageDays < 2 ? 0.25 : 0.06;
  if (r < unfinished * 0.4) return "open";
  if (r < unfinished) return "pending";
  return r < 0.85 ? "resolved" : "closed";
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

  const byIntent = new Map<string, string[][]>();
  for (const r of src.bitext.rows) byIntent.set(r[1], [...(byIntent.get(r[1]) ?? []), r]);
  const pool = buildCustomerPool(rng, Math.ceil(opts.conversations * 0.6));
  const used = new Map<number, { customer: PoolCustomer; channels: Set<string> }>();

  const addConversation = (
    index: number,
    channel: Channel,
    team: TeamKey,
    agentIdx: number,
    customer: PoolCustomer,
    turns: Turn[],
    metadata: Record<string, unknown>,
    start: Date,
    subject: string | null,
  ) => {
    const agent = DEMO_AGENTS[agentIdx];
    const agentId = rows.agents[agentIdx]?.id ?? "";
    if (!agent) return;
    let timed = timeTurns(rng, channel, agent.style, start, turns);
    const last = timed[timed.length - 1];
    let status = pickStatus(rng, (now - (last?.ts.getTime() ?? now)) / DAY);
    const overdue = timed.findIndex((t) => t.ts.getTime() > now);
    if (overdue >= 0) {
      timed = timed.slice(0, Math.max(1, overdue));
      status = timed[timed.length - 1]?.role === "customer" ? "open" : "pending";
    } else if (status === "open" || status === "pending") {
      timed = cutForStatus(timed, status);
    }
    const id = rng.uuid();
    const end = timed[timed.length - 1];
    const endedAt =
      status === "resolved" || status === "closed"
        ? new Date(
            (end?.ts.getTime() ?? start.getTime()) +
              ((end?.endOffset ?? 0) - (end?.startOffset ?? 0)) * 1000,
          )
        : null;
    rows.conversations.push({
      id,
      external_id: `demo-${String(index + 1).padStart(6, "0")}`,
      channel,
      status,
      subject,
      customer_id: customer.id,
      agent_id: agentId,
      team_id: teamId.get(team) ?? "",
      started_at: start.toISOString(),
      ended_at: endedAt?.toISOString() ?? null,
      message_count: timed.length,
      metadata,
    });
    rows.participants.push({
      id: rng.uuid(),
      conversation_id: id,
      role: "customer",
      agent_id: null,
      customer_id: customer.id,
      display_name: customer.name,
    });
    rows.participants.push({
      id: rng.uuid(),
      conversation_id: id,
      role: "agent",
      agent_id: agentId,
      customer_id: null,
      display_name: agent.name,
    });
    if (timed.some((t) => t.role === "bot")) {
      rows.participants.push({
        id: rng.uuid(),
        conversation_id: id,
        role: "bot",
        agent_id: null,
        customer_id: null,
        display_name: `${DEMO_BRAND} Assistant`,
      });
    }
    timed.forEach((t, seq) => {
      rows.messages.push({
        id: rng.uuid(),
        conversation_id: id,
        seq,
        role: t.role,
        agent_id: t.role === "agent" ? agentId : null,
        text: t.text,
        ts: t.ts.toISOString(),
        start_offset: t.startOffset,
        end_offset: t.endOffset,
      });
    });
  };

  const pickAgent = (team: TeamKey): number => {
    const members = agentsByTeam.get(team) ?? [];
    const m = members[rng.weighted(members.map((x) => DEMO_AGENTS[x.index]?.load ?? 1))];
    return m?.index ?? 0;
  };

  const latest = now - 10 * 60_000;
  const dialogueCount = Math.min(src.abcd.length, Math.floor(opts.conversations / 100));
  for (let i = 0; i < opts.conversations - dialogueCount; i++) {
    const channel = CHANNELS[rng.weighted(CHANNEL_WEIGHTS)] ?? "chat";
    const topic = planTopic(rng, src, byIntent);
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
      date: new Date(start.getTime() - rng.int(2, 10) * DAY).toLocaleDateString("en-US", {
        month: "long",
        day: "numeric",
        timeZone: "UTC",
      }),
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
        slots,
        emotions: src.goemotions,
      },
      topic,
    );
    addConversation(
      i,
      channel,
      topic.team,
      agentIdx,
      customer,
      turns,
      topic.metadata,
      start,
      channel === "email" ? subjectFor(topic.opening) : null,
    );
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
    addConversation(
      opts.conversations - dialogueCount + k,
      "chat",
      "orders",
      pickAgent("orders"),
      customer,
      turns,
      { demo: true, source: "abcd", intent: d.subflow, category: d.flow },
      start,
      null,
    );
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
