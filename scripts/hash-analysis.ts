/**
 * Output fingerprint of the analysis engine (`npx tsx scripts/hash-analysis.ts`).
 *
 * Runs analyzeMessage over a fixed set of real messages from ../shared/datasets (Bitext requests and
 * replies, GoEmotions comments, BANKING77 queries; every role), plus deterministic variants that
 * stress the tokenizer (capitals, elongation, curly apostrophes, emoji, emoticons, URLs, mentions,
 * "İ"), and analyzeConversation / the streaming analyzer over USS and ABCD dialogues. Prints one
 * sha256 per part and over everything. A speed change must leave every hash unchanged.
 *
 * A dev tool, not a test: it skips itself when the datasets are absent.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  analyzeConversation,
  analyzeMessage,
  createConversationAnalyzer,
  type MessageInput,
  type Role,
} from "../src/analysis/index.ts";
import { Rng } from "../src/domains/demo/prng.ts";
import { datasetPath, hasDataset, readCsv, readGoEmotions, readUss } from "./analysis-datasets.ts";

const REQUIRED = [
  ["bitext", "Bitext_Sample_Customer_Support_Training_Dataset.csv"],
  ["goemotions", "dev.tsv"],
  ["banking77", "train.csv"],
  ["uss", "MWOZ-dev.txt"],
  ["abcd_sample", "abcd_sample.json"],
] as const;

if (!REQUIRED.every((p) => hasDataset(...p))) {
  console.log(`hash-analysis: datasets not found under ${datasetPath()}; skipped`);
  process.exit(0);
}

const EXTRAS = [
  "😂",
  "😡",
  "👍🏽",
  "👨‍👩‍👧",
  "🇬🇧",
  ":)",
  ":-(",
  ";)",
  ":D",
  "<3",
  "!!!",
  "???",
  "...",
  "https://example.com/a?b=1.",
  "www.acme.io",
  "@acme_support",
  "#fail",
  "İstanbul",
  "3.5",
  "24/7",
  "10:30",
  "—",
  "“quoted”",
];

/** A variant of `text`: some words shouted, elongated or given curly apostrophes, extras inserted. */
function mutate(text: string, rand: () => number): string {
  const words = text.split(" ");
  const out: string[] = [];
  for (const w of words) {
    const r = rand();
    let v = w;
    if (r < 0.08) v = w.toUpperCase();
    else if (r < 0.12) v = w.replace(/([a-z])/i, "$1$1$1");
    else if (r < 0.15) v = w.replaceAll("'", "\u2019");
    out.push(v);
    if (rand() < 0.06) out.push(EXTRAS[Math.floor(rand() * EXTRAS.length)] ?? "");
  }
  if (rand() < 0.2) out.push(EXTRAS[Math.floor(rand() * EXTRAS.length)] ?? "");
  return out.join(rand() < 0.1 ? "\n" : " ");
}

function sha(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

const ROLES: Role[] = ["customer", "agent", "bot", "internal"];
const messages: MessageInput[] = [];
const bitext = readCsv(
  datasetPath("bitext", "Bitext_Sample_Customer_Support_Training_Dataset.csv"),
);
for (let i = 0; i < bitext.length; i += 2) {
  const row = bitext[i];
  if (row === undefined) continue;
  messages.push({ text: row.instruction ?? "", role: "customer" });
  messages.push({ text: row.response ?? "", role: i % 20 === 0 ? "bot" : "agent" });
}
const goemotions = readGoEmotions("dev.tsv");
goemotions.forEach((g, i) => messages.push({ text: g.text, role: ROLES[i % 7 === 0 ? 1 : 0] }));
const banking = readCsv(datasetPath("banking77", "train.csv"));
for (let i = 0; i < banking.length; i += 3) {
  messages.push({ text: banking[i]?.text ?? "", role: i % 30 === 0 ? "internal" : "customer" });
}
const rng = new Rng(20261123);
const rand = () => rng.next();
const real = messages.length;
for (let i = 0; i < real; i += 4) {
  const m = messages[i];
  if (m !== undefined) messages.push({ text: mutate(m.text, rand), role: m.role });
}
messages.push({ text: "" }, { text: "   " }, { text: "ok", role: undefined });

const analyses = messages.map((m) => analyzeMessage(m));

// Conversations: USS dialogues (USER → customer, SYSTEM → agent) with timestamps, and ABCD chats.
const conversations: MessageInput[][] = [];
const uss = readUss();
for (let d = 0; d < uss.length && conversations.length < 120; d += Math.max(1, uss.length >> 7)) {
  const dialogue = uss[d];
  if (dialogue === undefined) continue;
  conversations.push(
    dialogue.turns.map((t, i) => ({
      text: t.text,
      role: t.role === "USER" ? "customer" : "agent",
      ts: new Date(Date.UTC(2026, 10, 23, 9, 0, i * 47)).toISOString(),
      author: t.role === "SYSTEM" && i > 6 ? "agent-2" : "agent-1",
    })),
  );
}
const abcd = JSON.parse(readFileSync(datasetPath("abcd_sample", "abcd_sample.json"), "utf8")) as {
  original: [string, string][];
}[];
for (const c of abcd) {
  conversations.push(
    c.original.map(([speaker, text], i) => ({
      text,
      role: speaker === "agent" ? "agent" : speaker === "customer" ? "customer" : "bot",
      ts: new Date(Date.UTC(2026, 10, 23, 9, i, 0)).toISOString(),
    })),
  );
}
const whole = conversations.map((c) => analyzeConversation(c));
const streamed = conversations.map((c) => {
  const live = createConversationAnalyzer();
  return c.map((m) => live.push(m));
});

const parts = { messages: sha(analyses), conversations: sha(whole), streaming: sha(streamed) };
console.log(`messages: ${analyses.length} (${real} real, ${analyses.length - real} variants)`);
console.log(`conversations: ${conversations.length} (${streamed.flat().length} pushes)`);
for (const [name, hash] of Object.entries(parts)) console.log(`${name.padEnd(14)} ${hash}`);
console.log(`${"all".padEnd(14)} ${sha(parts)}`);
