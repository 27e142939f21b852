/**
 * Leave-one-domain-out (LODO) validation of the engine's fitted parts over the permissively
 * licensed domains (lodo-domains.ts): for each domain, fit the sentiment and complaint models on
 * the other domains with the recipe of `train-analysis.ts`, then measure on the held-out domain
 * through the engine's own decision (sarcasm shift, complaint cue combination). Every figure comes
 * with a bootstrap standard error (200 resamples of the held-out items, fixed seed).
 *
 * This is how designs are chosen: a change must hold up on a domain it was not fitted on.
 * Evaluation-only sets (complaints, USS, politeness) are never read here.
 *
 *   npm run eval:lodo                  # the current recipe (TRAIN_RECIPE)
 *   npm run eval:lodo -- --recipe 2026.11.5
 */
import { analyzeMessage } from "../src/analysis/index.ts";
import { combineComplaint, COMPLAINT_THRESHOLD } from "../src/analysis/complaint.ts";
import { DENSE_FEATURES } from "../src/analysis/linear-model.ts";
import { decideSentiment } from "../src/analysis/sentiment.ts";
import { detectServiceFailure } from "../src/analysis/service-failure.ts";
import { tokenize } from "../src/analysis/text/tokenize.ts";
import { Rng } from "../src/domains/demo/prng.ts";
import type { Polarity } from "./analysis-datasets.ts";
import {
  auc,
  featurize,
  predict,
  train,
  type Example,
  type Params,
  type TrainOptions,
} from "./linear-trainer.ts";
import {
  loadDomains,
  RECIPES,
  TRAIN_RECIPE,
  type Domain,
  type LabelledItem,
} from "./lodo-domains.ts";

const CLASSES: Polarity[] = ["negative", "neutral", "positive"];
const SENTIMENT_OPTIONS: TrainOptions = {
  link: "softmax",
  epochs: 8,
  lr: 0.05,
  l2: 1e-4,
  minCount: 3,
  nbAlpha: 1,
};
const COMPLAINT_OPTIONS: TrainOptions = {
  link: "sigmoid",
  epochs: 4,
  lr: 0.1,
  l2: 1e-4,
  minCount: 3,
};
const BOOTSTRAP = 200;
const SARCASM_DENSE = DENSE_FEATURES.indexOf("sarcasm");

const recipeArg = process.argv.indexOf("--recipe");
const recipeName = recipeArg >= 0 ? (process.argv[recipeArg + 1] ?? "") : TRAIN_RECIPE;
const recipe = RECIPES[recipeName];
if (recipe === undefined) {
  console.error(`unknown recipe ${recipeName}; known: ${Object.keys(RECIPES).join(", ")}`);
  process.exit(2);
}

interface Featurized {
  item: LabelledItem;
  ex: Omit<Example, "y">;
}

function featurizeAll(items: LabelledItem[]): Featurized[] {
  return items.map((item) => ({ item, ex: featurize(item.text) }));
}

function fitSentiment(items: Featurized[]): Params | undefined {
  const data: Example[] = [];
  for (const { item, ex } of items) {
    if (item.polarity === undefined) continue;
    const y = new Float64Array(3);
    y[CLASSES.indexOf(item.polarity)] = 1;
    data.push({ ...ex, y });
  }
  return data.length === 0 ? undefined : train(data, 3, SENTIMENT_OPTIONS);
}

function fitComplaint(items: Featurized[]): Params | undefined {
  const data: Example[] = [];
  for (const { item, ex } of items) {
    if (item.complaint === undefined) continue;
    data.push({ ...ex, y: Float64Array.of(item.complaint ? 1 : 0) });
  }
  return data.length === 0 ? undefined : train(data, 1, COMPLAINT_OPTIONS);
}

/** Macro-F1 over the gold classes present (a domain may hold only two of the three). */
function macroF1(gold: Polarity[], pred: Polarity[]): number {
  const present = CLASSES.filter((c) => gold.includes(c));
  let sum = 0;
  for (const c of present) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (pred[i] === c && gold[i] === c) tp++;
      else if (pred[i] === c) fp++;
      else if (gold[i] === c) fn++;
    }
    sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return present.length === 0 ? Number.NaN : sum / present.length;
}

function f1(gold: boolean[], pred: boolean[]): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < gold.length; i++) {
    if (gold[i] && pred[i]) tp++;
    else if (pred[i]) fp++;
    else if (gold[i]) fn++;
  }
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/** Metric value and its bootstrap standard error. */
function withSe<T>(
  gold: T[],
  pred: number[] | Polarity[] | boolean[],
  metric: (g: T[], p: never[]) => number,
): string {
  const value = metric(gold, pred as never[]);
  const rng = new Rng(17);
  const n = gold.length;
  const samples: number[] = [];
  const g: T[] = new Array<T>(n);
  const p: unknown[] = new Array<unknown>(n);
  for (let b = 0; b < BOOTSTRAP; b++) {
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rng.next() * n);
      g[i] = gold[j] as T;
      p[i] = pred[j];
    }
    const v = metric(g, p as never[]);
    if (Number.isFinite(v)) samples.push(v);
  }
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const se = Math.sqrt(samples.reduce((a, b) => a + (b - mean) ** 2, 0) / (samples.length - 1));
  return Number.isFinite(value) ? `${value.toFixed(3)} ± ${se.toFixed(3)}` : "n/a";
}

const share = (xs: Polarity[], c: Polarity) => xs.filter((x) => x === c).length / xs.length;

function measure(
  label: string,
  test: Featurized[],
  sentiment: Params | undefined,
  complaint: Params | undefined,
): string[] {
  const pol = test.filter((t) => t.item.polarity !== undefined);
  const gold = pol.map((t) => t.item.polarity as Polarity);
  let lodoSentiment = "— (no training data)";
  let neutralShare = "—";
  if (sentiment !== undefined && pol.length > 0) {
    const pred = pol.map(({ ex }) => {
      const z = predict(sentiment, { ...ex, y: new Float64Array(3) }, "softmax").map((p) =>
        Math.log(p),
      );
      return decideSentiment(z[0] ?? 0, z[1] ?? 0, z[2] ?? 0, (ex.dense[SARCASM_DENSE] ?? 0) > 0)
        .label as Polarity;
    });
    lodoSentiment = withSe(gold, pred, macroF1);
    neutralShare = `${(100 * share(pred, "neutral")).toFixed(0)}% (gold ${(100 * share(gold, "neutral")).toFixed(0)}%)`;
  }
  const shipped = pol.map((t) => analyzeMessage({ text: t.item.text }).sentiment.label as Polarity);
  const comp = test.filter((t) => t.item.complaint !== undefined);
  const cGold = comp.map((t) => t.item.complaint as boolean);
  let lodoComplaint = "— (no training data)";
  let lodoAuc = "—";
  if (complaint !== undefined && comp.length > 0 && cGold.some((g) => g) && cGold.some((g) => !g)) {
    const probs = comp.map(({ item, ex }) => {
      const p = predict(complaint, { ...ex, y: new Float64Array(1) }, "sigmoid")[0] ?? 0.5;
      const zModel = Math.log(Math.max(1e-9, p) / Math.max(1e-9, 1 - p));
      const tokens = tokenize(item.text);
      return combineComplaint(zModel, tokens, {}, detectServiceFailure(tokens).length);
    });
    lodoComplaint = withSe(
      cGold,
      probs.map((p) => p >= COMPLAINT_THRESHOLD),
      f1,
    );
    lodoAuc = withSe(cGold, probs, (g: boolean[], p: number[]) =>
      auc(
        p,
        g.map((x) => (x ? 1 : 0)),
      ),
    );
  }
  return [
    label,
    pol.length > 0 ? `${pol.length}` : "0",
    pol.length > 0 ? lodoSentiment : "—",
    pol.length > 0 ? neutralShare : "—",
    pol.length > 0 ? withSe(gold, shipped, macroF1) : "—",
    `${comp.length}`,
    comp.length > 0 ? lodoComplaint : "—",
    comp.length > 0 ? lodoAuc : "—",
  ];
}

const t0 = performance.now();
const domains: Domain[] = loadDomains();
const featurized = new Map<string, { train: Featurized[]; test: Featurized[] }>();
for (const d of domains) {
  const train = featurizeAll(d.train);
  featurized.set(d.name, { train, test: d.test === d.train ? train : featurizeAll(d.test) });
}
console.log(
  `recipe ${recipeName}: sentiment fitted on [${recipe.sentiment.join(", ")}], complaint on [${recipe.complaint.join(", ")}]`,
);
const rows: string[][] = [];
for (const held of domains) {
  const others = (names: readonly string[]) =>
    domains
      .filter((d) => d.name !== held.name && names.includes(d.name))
      .flatMap((d) => featurized.get(d.name)?.train ?? []);
  const skip = recipe.sentimentSkipParts ?? [];
  const sentiment = fitSentiment(
    others(recipe.sentiment).filter(
      (t) => t.item.part === undefined || !skip.includes(t.item.part),
    ),
  );
  const complaint = fitComplaint(others(recipe.complaint));
  const test = featurized.get(held.name)?.test ?? [];
  rows.push(measure(held.name, test, sentiment, complaint));
  const parts = [...new Set(test.map((t) => t.item.part).filter((p) => p !== undefined))];
  if (parts.length > 1)
    for (const part of parts)
      rows.push(
        measure(
          `  ${held.name} ${part}`,
          test.filter((t) => t.item.part === part),
          sentiment,
          complaint,
        ),
      );
}
const header = [
  "held-out domain",
  "n (polarity)",
  "LODO sentiment macro-F1",
  "LODO predicted neutral",
  "shipped engine macro-F1 (not LODO)",
  "n (complaint)",
  "LODO complaint F1",
  "LODO complaint AUC",
];
console.log(`| ${header.join(" | ")} |`);
console.log(`| ${header.map(() => "---").join(" | ")} |`);
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
console.log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
