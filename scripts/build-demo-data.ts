/**
 * Builds `demo-data/demo-source.json.gz`, the text the demo seed (src/domains/demo) draws from, out of
 * the public datasets in `../shared/datasets`. Run it after changing the selection rules:
 *
 *   npx tsx scripts/build-demo-data.ts [path/to/datasets]
 *
 * Only sets whose licences allow redistribution are read (bitext, banking77, goemotions, abcd_sample);
 * complaints/, uss/ and politeness/ must never ship. The app reads only the JSON at run time, so it
 * needs neither ../shared nor a CSV parser. What this script changes is listed in demo-data/ATTRIBUTION.md.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { readCsv } from "./analysis-datasets.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DATASETS = path.resolve(process.argv[2] ?? path.join(ROOT, "../shared/datasets"));
const OUT_DIR = path.join(ROOT, "demo-data");

// ---------------------------------------------------------------------------------------------
// bitext: customer request + agent reply. Replies carry {{Placeholders}}; each becomes a slot the
// seed fills per conversation ({{order}}, {{phone}} …), a literal UI label, or a reason to drop
// the reply when no plausible value exists (lists like {{Case 1}}, instructions-to-the-writer).

type Slot =
  "order" | "invoice" | "phone" | "email" | "site" | "company" | "hours" | "days" | "date";

function classifyPlaceholder(inner: string): { slot: Slot } | { literal: string } | null {
  const p = inner.trim();
  const l = p.toLowerCase();
  if (/^[0-9a-f]{12,}$/i.test(p)) return /^\d+$/.test(p) ? { slot: "order" } : null;
  if (/(case|situation|review website) \d/.test(l)) return null;
  if (/start time|end time|weekdays|weekends|holidays|percentage|name field/.test(l)) return null;
  if (p.split(/\s+/).length > 4 && p === l) return null; // "provide instructions to …"
  if (/(order|purchase) (id|number)|^order number|tracking number/.test(l))
    return { slot: "order" };
  if (/(bill|invoice) number/.test(l)) return { slot: "invoice" };
  if (/purchase date/.test(l)) return { slot: "date" };
  if (/payment method anonymized/.test(l)) return { literal: "the card on file" };
  if (/email or phone/.test(l)) return { slot: "email" };
  if (/phone number/.test(l)) return { slot: "phone" };
  if (/email( address)?( anonymized)?$/.test(l) && l !== "email") return { slot: "email" };
  if (/^company name|^company website|^service website/.test(l)) return { slot: "company" };
  if (/website|app name|^website or app/.test(l) && !/url/.test(l)) return { slot: "site" };
  if (/website url/.test(l)) return { slot: "site" };
  if (/availability|hours|operating/.test(l)) return { slot: "hours" };
  if (/number of days|refund period|timeframe|time frame|processing time|response time/.test(l))
    return { slot: "days" };
  if (/live chat/.test(l)) return { literal: "Live Chat" };
  return { literal: p.replace(/ Anonymized$/, "") };
}

function normaliseBitextResponse(text: string): string | null {
  let dropped = false;
  const out = text.replace(/\{\{([^}]*)\}\}/g, (_m, inner: string) => {
    const c = classifyPlaceholder(inner);
    if (!c) {
      dropped = true;
      return "";
    }
    return "slot" in c ? `{{${c.slot}}}` : c.literal;
  });
  return dropped ? null : out.trim();
}

function buildBitext() {
  const dir = path.join(DATASETS, "bitext");
  const rows = readCsv(path.join(dir, "Bitext_Sample_Customer_Support_Training_Dataset.csv"));
  const intents: Record<string, string> = {};
  const out: [string, string, string][] = [];
  let dropped = 0;
  for (const r of rows) {
    const instruction = (r.instruction ?? "").trim();
    const intent = r.intent ?? "";
    const response = normaliseBitextResponse(r.response ?? "");
    if (!instruction || !intent || !response) {
      dropped++;
      continue;
    }
    intents[intent] = (r.category ?? "").toLowerCase();
    out.push([instruction, intent, response]);
  }
  return { intents, rows: out, read: rows.length, dropped };
}

// ---------------------------------------------------------------------------------------------
// banking77: customer queries only. Keep up to 40 per intent so every intent shows up without
// shipping all 10,003 (the seed needs variety, not volume).

function buildBanking77() {
  const rows = readCsv(path.join(DATASETS, "banking77", "train.csv"));
  const perIntent = new Map<string, number>();
  const out: [string, string][] = [];
  for (const r of rows) {
    const text = (r.text ?? "").trim();
    const intent = r.category ?? "";
    const n = perIntent.get(intent) ?? 0;
    if (!text || n >= 40) continue;
    perIntent.set(intent, n + 1);
    out.push([text, intent]);
  }
  return { rows: out, read: rows.length };
}

// ---------------------------------------------------------------------------------------------
// goemotions: Reddit comments, mostly about nothing a customer would say. Keep only short lines
// made entirely of generic words (VOCAB), so what survives reads like a chat follow-up
// ("Awesome, thank you!", "What does that even mean?"), grouped by emotion.

const VOCAB = new Set(
  `a about actually again ah all already also always am an and any anything are as at awesome aw away
  back bad be been before being best better bit both but by can can't cannot cheers clear come could
  couldn't day days did didn't do does doesn't doing don't done easy either else enough even ever every
  everything exactly fair far few fine first fix fixed for from get gets getting give glad go going gone
  good got great had hadn't happen happened happens has hasn't have haven't having hear heard help helped
  helpful helps here hey hi hm hmm honestly hope hour hours how however i i'd i'll i'm i've if in info
  information is isn't it it's its just keep kind know knew last least let let's like little long look
  looking lot lots lovely made make makes making many may maybe me mean means meant much must my myself
  need needed needs never new nice no none not nothing now of oh ok okay on once one only or other our out
  over perfect please pretty probably problem problems quick quickly quite rather real really right same
  says see seems seriously should since so some something sorry sounds still sure take taken takes thank
  thanks that that's the then there there's these thing things think this those though thought through
  time times to today told too tried try trying two understand until up us very wait waited waiting want
  wanted was wasn't way we well were weren't what what's when where which while who why will with without
  won't work worked working works would wouldn't wow yeah yes yet you you're your appreciate appreciated
  clarify confused confusing explain explained answer answered question questions frustrating frustrated
  annoying ridiculous unacceptable disappointed disappointing sucks terrible awful useless waste wrong
  weeks week month months minutes call called email emailed reply response update updated sorted solved
  amazing excellent brilliant cool wonderful fantastic relief relieved phew finally wish hoping worry
  worried nervous upset mad angry tired honest`.split(/\s+/),
);

const EMOTION_GROUPS: Record<string, string[]> = {
  thanks: ["gratitude"],
  positive: ["admiration", "approval", "joy", "relief", "excitement", "optimism"],
  negative: ["annoyance", "anger", "disappointment", "disapproval", "disgust"],
  confused: ["confusion", "curiosity"],
  worried: ["nervousness", "fear"],
};
// Lines that pass the vocabulary test but address the other person's feelings or are Reddit banter.
const EMOTION_REJECT =
  /\b(i like|you got this|you did|you are|you're so|you're wrong|like you|are you ok|little one|i'm with you|me too|who are you|good for you|get out|in you too|wrong with you|why are you|how about you|your day|how cool|angry about)\b|[*>/#[\]$0-9]/i;
// Complaint-like and confused lines must also say something a customer could mean about service.
const EMOTION_KEEP: Record<string, RegExp> = {
  negative:
    /frustrat|annoying|ridiculous|awful|terrible|sucks|disappoint|not again|doesn.t (help|work|look)|not good|angry|mad now|not cool|not what|could not get it to work|not great|didn.t go/i,
  confused:
    /what (do|does) (you|that|it) .*mean|don.t (get|know what|see how)|explain|what is that|where|questions|what happened|is that good or bad|not sure/i,
  worried: /worried|nervous/i,
  positive:
    /thank|great|awesome|perfect|amazing|excellent|brilliant|glad|good|cool|nice|wonderful|fantastic|helpful|works|worked|relie|finally|appreciate/i,
};

function buildGoEmotions() {
  const dir = path.join(DATASETS, "goemotions");
  const labels = fs.readFileSync(path.join(dir, "labels.txt"), "utf8").split(/\s+/).filter(Boolean);
  const groups: Record<string, string[]> = {};
  let read = 0;
  for (const file of ["train.tsv", "dev.tsv"]) {
    for (const line of fs.readFileSync(path.join(dir, file), "utf8").split("\n")) {
      const [rawText, ids] = line.split("\t");
      if (!rawText || !ids) continue;
      read++;
      const text = rawText.trim();
      if (text.length < 6 || text.length > 90 || EMOTION_REJECT.test(text)) continue;
      const words =
        text
          .toLowerCase()
          .replace(/[’‘]/g, "'")
          .match(/[a-z']+/g) ?? [];
      if (words.length < 2 || words.some((w) => !VOCAB.has(w))) continue;
      const emotions = ids.split(",").map((i) => labels[Number(i)] ?? "");
      for (const [group, members] of Object.entries(EMOTION_GROUPS)) {
        if (!emotions.some((e) => members.includes(e))) continue;
        if (EMOTION_KEEP[group] && !EMOTION_KEEP[group].test(text)) continue;
        // "I'm sorry that happened to you" is sympathy for the other person, not a customer's voice.
        if (group !== "confused" && /\bsorry\b/i.test(text)) continue;
        const list = (groups[group] ??= []);
        if (!list.includes(text)) list.push(text);
      }
    }
  }
  return { groups, read };
}

// ---------------------------------------------------------------------------------------------
// abcd_sample: three complete human-to-human chats; "action" lines become internal notes.

interface AbcdDialogue {
  convo_id: number;
  scenario: { flow: string; subflow: string; personal: { customer_name: string } };
  original: [string, string][];
}

function buildAbcd() {
  const raw = JSON.parse(
    fs.readFileSync(path.join(DATASETS, "abcd_sample", "abcd_sample.json"), "utf8"),
  ) as AbcdDialogue[];
  return raw.map((d) => ({
    id: d.convo_id,
    flow: d.scenario.flow,
    subflow: d.scenario.subflow,
    customerName: d.scenario.personal.customer_name,
    turns: d.original.map(([speaker, text]) => [speaker, text.trim()] as [string, string]),
  }));
}

function main(): void {
  const bitext = buildBitext();
  const banking77 = buildBanking77();
  const go = buildGoEmotions();
  const abcd = buildAbcd();
  const source = {
    version: 1,
    bitext: { intents: bitext.intents, rows: bitext.rows },
    banking77: banking77.rows,
    goemotions: go.groups,
    abcd,
  };
  const json = JSON.stringify(source);
  const gz = gzipSync(json, { level: 9 });
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, "demo-source.json.gz"), gz);
  for (const [set, file] of [
    ["bitext", "LICENSE.txt"],
    ["banking77", "LICENSE"],
    ["goemotions", "LICENSE"],
    ["abcd_sample", "LICENSE"],
  ] as const) {
    fs.mkdirSync(path.join(OUT_DIR, "licenses"), { recursive: true });
    const dest = path.join(OUT_DIR, "licenses", `${set}-${file}`);
    if (fs.existsSync(dest)) fs.chmodSync(dest, 0o644);
    fs.copyFileSync(path.join(DATASETS, set, file), dest);
    fs.chmodSync(dest, 0o644); // the shared copies are read-only; keep ours writable for re-runs
  }
  const counts = Object.fromEntries(Object.entries(go.groups).map(([k, v]) => [k, v.length]));
  console.log(
    JSON.stringify(
      {
        bitext: { read: bitext.read, kept: bitext.rows.length, dropped: bitext.dropped },
        banking77: { read: banking77.read, kept: banking77.rows.length },
        goemotions: { read: go.read, kept: counts },
        abcd: abcd.length,
        jsonBytes: json.length,
        gzipBytes: gz.length,
      },
      null,
      2,
    ),
  );
}

main();
