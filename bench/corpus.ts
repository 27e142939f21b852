/**
 * Realistic conversations for the ingest and search benchmarks, built from the demo text the
 * repository ships (real Bitext / BANKING77 / GoEmotions lines; see demo-data/ATTRIBUTION.md).
 */
import { loadDemoSource } from "../src/domains/demo/demo-source.ts";
import { Rng } from "../src/domains/demo/prng.ts";

export interface BenchConversation {
  externalId: string;
  source: string;
  channel: "chat" | "email" | "phone" | "social";
  customer: { externalId: string; name: string };
  agent: { externalId: string; name: string };
  messages: { role: "customer" | "agent"; text: string; ts: string }[];
}

/** `count` conversations averaging 8 messages (4 customer, 4 agent turns). */
export function buildConversations(count: number, prefix: string, seed = 7): BenchConversation[] {
  const source = loadDemoSource();
  const rows = source.bitext.rows;
  const followUps = Object.values(source.goemotions).flat();
  const rng = new Rng(seed);
  const rand = () => rng.next();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const channels = ["chat", "email", "phone", "social"] as const;
  const start = Date.UTC(2026, 8, 1);
  return Array.from({ length: count }, (_, i) => {
    const turns = 2 + Math.floor(rand() * 3) + Math.floor(rand() * 3); // 2..6 pairs, mean 4
    let ts = start + Math.floor(rand() * 80 * 86_400_000);
    const messages: BenchConversation["messages"] = [];
    for (let t = 0; t < turns; t++) {
      const [request, , reply] = pick(rows);
      messages.push({
        role: "customer",
        text: t === 0 ? request : pick(followUps),
        ts: new Date(ts).toISOString(),
      });
      ts += 20_000 + Math.floor(rand() * 300_000);
      messages.push({
        role: "agent",
        text: reply.replace(/\{\{[a-z]+\}\}/g, "12345").slice(0, 600),
        ts: new Date(ts).toISOString(),
      });
      ts += 20_000 + Math.floor(rand() * 300_000);
    }
    return {
      externalId: `${prefix}-${i}`,
      source: "bench",
      channel: pick(channels),
      customer: { externalId: `cust-${Math.floor(rand() * count)}`, name: `Customer ${i}` },
      agent: { externalId: `agent-${Math.floor(rand() * 25)}`, name: `Agent ${i % 25}` },
      messages,
    };
  });
}
