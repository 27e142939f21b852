/**
 * Evaluates Rapport's sentiment, complaint, satisfaction and politeness scoring against
 * npm vader-sentiment and npm sentiment (AFINN) on the shared development datasets, in one run.
 * Prints a markdown table. Datasets: ../shared/datasets (override with RAPPORT_DATASETS).
 */
import { createRequire } from "node:module";
import { tokenize } from "../src/analysis/text/tokenize.ts";
import { scoreSentimentDetail } from "../src/analysis/sentiment.ts";
import { scoreEmotions } from "../src/analysis/emotions.ts";
import { scorePoliteness } from "../src/analysis/politeness.ts";
import { scoreComplaint, COMPLAINT_THRESHOLD } from "../src/analysis/complaint.ts";
import { predictSatisfaction } from "../src/analysis/satisfaction.ts";
import { scoreTurnFeedback } from "../src/analysis/feedback.ts";
import { analyzeConversation } from "../src/analysis/index.ts";
import {
  datasetPath,
  DATASETS,
  groupToPolarity,
  hasDataset,
  mean,
  readCsv,
  readGoEmotions,
  readUss,
  type Polarity,
  type UssDialogue,
} from "./analysis-datasets.ts";

interface VaderModule {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
}
interface AfinnAnalyzer {
  analyze(text: string): { score: number; comparative: number };
}
const require = createRequire(import.meta.url);
const vader = require("vader-sentiment") as VaderModule;
const SentimentCtor = require("sentiment") as new () => AfinnAnalyzer;
const afinn = new SentimentCtor();

const vaderScore = (t: string) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound;
const afinnScore = (t: string) => afinn.analyze(t).comparative;
const rapportScore = (t: string) => scoreSentimentDetail(tokenize(t), t, "customer").result.score;

function polarityOf(x: number, threshold: number): Polarity {
  return x >= threshold ? "positive" : x <= -threshold ? "negative" : "neutral";
}

function macroF1(gold: Polarity[], pred: Polarity[]): number {
  const classes: Polarity[] = ["negative", "neutral", "positive"];
  return mean(
    classes.map((c) =>
      f1(
        gold.map((g) => g === c),
        pred.map((p) => p === c),
      ),
    ),
  );
}

function f1(gold: boolean[], pred: boolean[]): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  gold.forEach((g, i) => {
    if (g && pred[i]) tp++;
    else if (pred[i]) fp++;
    else if (g) fn++;
  });
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

function ranks(xs: number[]): number[] {
  const idx = xs.map((_, i) => i).sort((a, b) => (xs[a] ?? 0) - (xs[b] ?? 0));
  const r = new Array<number>(xs.length);
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && xs[idx[j + 1] as number] === xs[idx[i] as number]) j++;
    for (let k = i; k <= j; k++) r[idx[k] as number] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}

function spearman(a: number[], b: number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const ma = mean(ra);
  const mb = mean(rb);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < ra.length; i++) {
    const x = (ra[i] ?? 0) - ma;
    const y = (rb[i] ?? 0) - mb;
    num += x * y;
    da += x * x;
    db += y * y;
  }
  return da === 0 || db === 0 ? 0 : num / Math.sqrt(da * db);
}

function auc(scores: number[], labels: boolean[]): number {
  const r = ranks(scores);
  let pos = 0;
  let sum = 0;
  labels.forEach((l, i) => {
    if (l) {
      pos++;
      sum += (r[i] ?? 0) + 1;
    }
  });
  const neg = labels.length - pos;
  return (sum - (pos * (pos + 1)) / 2) / (pos * neg);
}

// Four decimals: targets are compared unrounded, and 0.7196 must not print as 0.720.
const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : "n/a");
const rows: string[][] = [];

// GoEmotions positive/negative/neutral.
if (hasDataset("goemotions", "group_dev.tsv")) {
  const items = readGoEmotions("group_dev.tsv")
    .map((r) => ({ text: r.text, gold: groupToPolarity(r.labels) }))
    .filter((r): r is { text: string; gold: Polarity } => r.gold !== undefined);
  const gold = items.map((r) => r.gold);
  const rapport = items.map(
    (r) => scoreSentimentDetail(tokenize(r.text), r.text, "customer").result.label,
  );
  const v = items.map((r) => polarityOf(vaderScore(r.text), 0.05));
  const a = items.map((r) => polarityOf(afinnScore(r.text), 1e-9));
  rows.push([
    `GoEmotions dev pos/neg/neutral (n=${items.length})`,
    "macro-F1",
    fmt(macroF1(gold, rapport)),
    fmt(macroF1(gold, v)),
    fmt(macroF1(gold, a)),
    "0.627",
    "≥ 0.72",
  ]);
}

// Complaints.
if (hasDataset("complaints", "complaints-dev.csv")) {
  const items = readCsv(datasetPath("complaints", "complaints-dev.csv")).map((r) => ({
    text: r.text ?? "",
    gold: r.complaint === "1",
  }));
  const gold = items.map((r) => r.gold);
  // These are public posts: tell the scorer when one tags an account (@brand).
  const probs = items.map((r) => {
    const tokens = tokenize(r.text);
    return scoreComplaint(tokens, {
      publicMention: tokens.some((t) => t.norm === "<user>"),
    });
  });
  const v = items.map((r) => vaderScore(r.text));
  const a = items.map((r) => afinnScore(r.text));
  rows.push([
    `complaints dev (n=${items.length})`,
    "complaint F1 (AUC)",
    `${fmt(
      f1(
        gold,
        probs.map((p) => p >= COMPLAINT_THRESHOLD),
      ),
    )} (${fmt(auc(probs, gold))})`,
    `${fmt(
      f1(
        gold,
        v.map((x) => x <= -0.05),
      ),
    )} (${fmt(
      auc(
        v.map((x) => -x),
        gold,
      ),
    )})`,
    `${fmt(
      f1(
        gold,
        a.map((x) => x < 0),
      ),
    )} (${fmt(
      auc(
        a.map((x) => -x),
        gold,
      ),
    )})`,
    "0.479",
    "≥ 0.65",
  ]);
}

// USS.
const dialogues: UssDialogue[] = hasDataset("uss") ? readUss() : [];
/** Per USS dialogue: predicted satisfaction of the whole dialogue and of its opening alone. */
const satisfactionRows: {
  source: string;
  gold: number;
  predicted: number;
  confidence: number;
  opening: number;
  openingConfidence: number;
}[] = [];
if (dialogues.length > 0) {
  const turnGold: number[] = [];
  const turnR: number[] = [];
  const turnV: number[] = [];
  const turnA: number[] = [];
  const dlgGold: number[] = [];
  const dlgR: number[] = [];
  const dlgV: number[] = [];
  const dlgA: number[] = [];
  const dlgConv: number[] = [];
  for (const d of dialogues) {
    const sentiments: number[] = [];
    const feedback: number[] = [];
    const reactions: number[] = [];
    let complaints = 0;
    let lastGratitude = 0;
    const vs: number[] = [];
    const as: number[] = [];
    let previousSystem = "";
    for (const turn of d.turns) {
      if (turn.role === "SYSTEM") {
        previousSystem = turn.text;
        continue;
      }
      const tokens = tokenize(turn.text);
      const detail = scoreSentimentDetail(tokens, turn.text, "customer");
      const fb = scoreTurnFeedback(tokens, detail, previousSystem);
      const emotions = scoreEmotions(tokens, detail.result);
      sentiments.push(detail.result.score);
      if (previousSystem !== "") {
        // Only turns that react to an agent turn judge the service (the opening states the need).
        feedback.push(fb.dissatisfaction);
        reactions.push(fb.score);
      }
      lastGratitude = emotions.gratitude;
      if (scoreComplaint(tokens) >= COMPLAINT_THRESHOLD) complaints++;
      const v = vaderScore(turn.text);
      const a = afinnScore(turn.text);
      vs.push(v);
      as.push(a);
      if (turn.ratings.length > 0) {
        turnGold.push(mean(turn.ratings));
        turnR.push(fb.score);
        turnV.push(v);
        turnA.push(a);
      }
    }
    dlgGold.push(d.overall);
    const conversation = d.turns.map((t) => ({
      role: t.role === "USER" ? ("customer" as const) : ("agent" as const),
      text: t.text,
    }));
    const full = analyzeConversation(conversation).satisfaction;
    dlgConv.push(full.predicted);
    // The same dialogue cut after its first user turn: the state of a one-message request.
    const firstUser = conversation.findIndex((m) => m.role === "customer");
    const opening = analyzeConversation(conversation.slice(0, firstUser + 1)).satisfaction;
    satisfactionRows.push({
      source: d.source.replace(/-dev\.txt$/, ""),
      gold: d.overall,
      predicted: full.predicted,
      confidence: full.confidence,
      opening: opening.predicted,
      openingConfidence: opening.confidence,
    });
    dlgR.push(
      predictSatisfaction({
        customerSentiments: sentiments,
        customerTurnScores: reactions,
        customerFeedback: feedback,
        finalGratitude: lastGratitude,
        complaints,
        turns: d.turns.length,
      }).predicted,
    );
    dlgV.push(mean(vs));
    dlgA.push(mean(as));
  }
  rows.push([
    `USS user turns (n=${turnGold.length})`,
    "Spearman vs mean rating",
    fmt(spearman(turnR, turnGold)),
    fmt(spearman(turnV, turnGold)),
    fmt(spearman(turnA, turnGold)),
    "0.334",
    "≥ 0.42",
  ]);
  rows.push([
    `USS dialogues, analyzeConversation (n=${dlgGold.length})`,
    "Spearman vs USER OVERALL",
    fmt(spearman(dlgConv, dlgGold)),
    fmt(spearman(dlgV, dlgGold)),
    fmt(spearman(dlgA, dlgGold)),
    "0.236",
    "≥ 0.35",
  ]);
  rows.push([
    `USS dialogues, predictSatisfaction on reaction features only`,
    "Spearman vs USER OVERALL",
    fmt(spearman(dlgR, dlgGold)),
    "",
    "",
    "0.236",
    "",
  ]);
}

// Politeness.
const politeItems: { text: string; gold: number }[] = [];
for (const file of ["wikipedia.annotated-dev.csv", "stack-exchange.annotated-dev.csv"]) {
  if (!hasDataset("politeness", file)) continue;
  for (const r of readCsv(datasetPath("politeness", file)))
    politeItems.push({ text: r.Request ?? "", gold: Number(r["Normalized Score"]) });
}
if (politeItems.length > 0) {
  const gold = politeItems.map((r) => r.gold);
  const p = politeItems.map((r) => scorePoliteness(tokenize(r.text), "customer"));
  const v = politeItems.map((r) => vaderScore(r.text));
  const a = politeItems.map((r) => afinnScore(r.text));
  rows.push([
    `politeness (n=${politeItems.length})`,
    "Spearman vs normalized score",
    fmt(spearman(p, gold)),
    fmt(spearman(v, gold)),
    fmt(spearman(a, gold)),
    "0.197",
    "≥ 0.40",
  ]);
}

// Speed: the same message mix for each system; best of three runs.
const speedTexts: string[] = [];
for (const r of readGoEmotions("group_dev.tsv").slice(0, 3000)) speedTexts.push(r.text);
for (const d of dialogues.slice(0, 200)) for (const t of d.turns) speedTexts.push(t.text);
/** Messages per second of one pass over the speed texts. */
function passRate(fn: (t: string) => unknown): number {
  const t0 = performance.now();
  for (const t of speedTexts) fn(t);
  return speedTexts.length / ((performance.now() - t0) / 1000);
}
const rapportFull = (t: string) => {
  const tokens = tokenize(t);
  const detail = scoreSentimentDetail(tokens, t, "customer");
  scoreEmotions(tokens, detail.result);
  scorePoliteness(tokens, "customer");
  return scoreComplaint(tokens);
};
// The systems take turns, best of five passes each, so a burst of load on the shared machine
// hits all of them rather than one.
const systems = [rapportFull, rapportScore, vaderScore, afinnScore];
systems.forEach((fn) => passRate(fn)); // warm-up
const best = systems.map(() => 0);
for (let run = 0; run < 5; run++) {
  systems.forEach((fn, k) => (best[k] = Math.max(best[k] ?? 0, passRate(fn))));
}
const [speedR = 0, speedS = 0, speedV = 1, speedA = 0] = best;
rows.push([
  `speed, single thread (n=${speedTexts.length} msgs)`,
  "messages/s",
  `${Math.round(speedR).toLocaleString("en")} = ${(speedR / speedV).toFixed(1)}× vader (sentiment only ${Math.round(speedS).toLocaleString("en")})`,
  Math.round(speedV).toLocaleString("en"),
  Math.round(speedA).toLocaleString("en"),
  "",
  "≥ 10× vader",
]);

console.log(`Datasets: ${DATASETS}\n`);
console.log("| task | metric | Rapport | vader-sentiment | sentiment (AFINN) | anchor | target |");
console.log("|---|---|---|---|---|---|---|");
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
if (satisfactionRows.length > 0) {
  // Error of predicted satisfaction against the USS overall rating (1–5), per source. USS is the
  // only data here with outcome ratings: text chats between people and task-oriented systems.
  console.log(
    "\nPredicted satisfaction vs USS USER OVERALL (chat, task-oriented dialogues; MAE on the 1–5 scale)\n",
  );
  console.log(
    "| source (chat) | n | MAE | Spearman | mean confidence | opening only: MAE | opening only: Spearman | opening confidence |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  const sources = [...new Set(satisfactionRows.map((r) => r.source))];
  for (const source of [...sources, "all"]) {
    const rs = satisfactionRows.filter((r) => source === "all" || r.source === source);
    const mae = (pick: (r: (typeof rs)[number]) => number) =>
      mean(rs.map((r) => Math.abs(pick(r) - r.gold)));
    console.log(
      `| ${source} | ${rs.length} | ${fmt(mae((r) => r.predicted))} | ${fmt(
        spearman(
          rs.map((r) => r.predicted),
          rs.map((r) => r.gold),
        ),
      )} | ${fmt(mean(rs.map((r) => r.confidence)))} | ${fmt(mae((r) => r.opening))} | ${fmt(
        spearman(
          rs.map((r) => r.opening),
          rs.map((r) => r.gold),
        ),
      )} | ${fmt(mean(rs.map((r) => r.openingConfidence)))} |`,
    );
  }
  const goldMean = mean(satisfactionRows.map((r) => r.gold));
  console.log(
    `\nReference: always predicting the gold mean (${goldMean.toFixed(2)}, known only in hindsight) has MAE ${fmt(
      mean(satisfactionRows.map((r) => Math.abs(goldMean - r.gold))),
    )}.`,
  );
}
console.log(
  "\nRapport: USS dialogues = the full engine path, analyzeConversation (USER = customer, SYSTEM = agent); the second dialogue row is predictSatisfaction over features built here from tokenize/sentiment/scoreTurnFeedback/emotions/complaint only (no signals or effort). Baselines: mean compound/comparative over user turns. Speed row = tokenize + sentiment + emotions + politeness + complaint per message. GoEmotions items whose non-ambiguous group labels are not exactly one polarity are dropped.",
);
