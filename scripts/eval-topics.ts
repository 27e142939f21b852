/**
 * `npm run eval:topics`: how well the contact-reason clustering recovers human intent labels, as
 * normalised mutual information (NMI, arithmetic mean, as scikit-learn) with k = the true number of
 * groups, against a TF-IDF + k-means baseline run in the same process.
 *
 * Sets (../shared/datasets, development parts only; evaluation-only sets are never read):
 * - BANKING77 train (tuned on), full and a 3,080-item sample the size of its test split;
 * - Bitext customer-support intents and categories (a domain NOT tuned on);
 * - Bing Liu product-review complaints (sentences with a negative aspect tag) grouped by product
 *   type: noisy consumer complaints, also not tuned on.
 */
import { readdirSync, readFileSync } from "node:fs";
import { clusterTopics } from "../src/analysis/topics/topics.ts";
import { loadWordVectors } from "../src/lib/word-vectors.ts";
import { baselineKMeans } from "./eval-topics-baseline.ts";
import { datasetPath, readCsv } from "./analysis-datasets.ts";

interface Item {
  text: string;
  label: string;
}

/** NMI with arithmetic normalisation: I(U;V) / ((H(U)+H(V))/2). */
export function nmi(truth: string[], pred: number[]): number {
  const n = truth.length;
  const joint = new Map<string, number>();
  const a = new Map<string, number>();
  const b = new Map<number, number>();
  truth.forEach((t, i) => {
    const p = pred[i]!;
    joint.set(`${t}\u0000${p}`, (joint.get(`${t}\u0000${p}`) ?? 0) + 1);
    a.set(t, (a.get(t) ?? 0) + 1);
    b.set(p, (b.get(p) ?? 0) + 1);
  });
  let mi = 0;
  for (const [key, c] of joint) {
    const [t, p] = key.split("\u0000") as [string, string];
    mi += (c / n) * Math.log((c * n) / (a.get(t)! * b.get(Number(p))!));
  }
  const h = (m: Map<unknown, number>) =>
    -[...m.values()].reduce((s, c) => s + (c / n) * Math.log(c / n), 0);
  const denom = (h(a) + h(b)) / 2;
  return denom === 0 ? 1 : mi / denom;
}

function sample<T>(items: T[], size: number, seed: number): T[] {
  let s = seed;
  const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, size);
}

function banking(): Item[] {
  return readCsv(datasetPath("banking77", "train.csv")).map((r) => ({
    text: r.text ?? "",
    label: r.category ?? "",
  }));
}

function bitext(field: "intent" | "category"): Item[] {
  const rows = readCsv(
    datasetPath("bitext", "Bitext_Sample_Customer_Support_Training_Dataset.csv"),
  );
  return rows.map((r) => ({ text: r.instruction ?? "", label: r[field] ?? "" }));
}

const PRODUCT_TYPE: Array<[RegExp, string]> = [
  [/canon|nikon/i, "camera"],
  [/nokia/i, "phone"],
  [/jukebox|mp3|ipod/i, "music player"],
  [/router/i, "router"],
  [/dvd/i, "dvd player"],
  [/diaper/i, "diaper pail"],
  [/norton/i, "antivirus"],
];

function productComplaints(): Item[] {
  const items: Item[] = [];
  for (const dir of ["product_reviews_1", "product_reviews_2"]) {
    for (const file of readdirSync(datasetPath("bingliu", dir))) {
      const type = PRODUCT_TYPE.find(([re]) => re.test(file))?.[1];
      if (type === undefined) continue;
      for (const line of readFileSync(datasetPath("bingliu", dir, file), "latin1").split("\n")) {
        const [tags = "", text = ""] = line.split("##");
        if (/\[-\d\]/.test(tags) && text.trim().length > 0) items.push({ text, label: type });
      }
    }
  }
  return items;
}

function evaluate(name: string, items: Item[], tuned: boolean): void {
  const k = new Set(items.map((i) => i.label)).size;
  const texts = items.map((i) => i.text);
  const truth = items.map((i) => i.label);
  const t0 = performance.now();
  const dims = process.env.TOPIC_DIMS ? Number(process.env.TOPIC_DIMS) : undefined;
  const seed = process.env.TOPIC_SEED ? Number(process.env.TOPIC_SEED) : 1;
  const weight = process.env.TOPIC_VECTOR_WEIGHT;
  const wordVectors = weight === "0" ? undefined : loadWordVectors();
  const vectorWeight = weight === undefined ? undefined : Number(weight);
  const over = process.env.TOPIC_OVERCLUSTER;
  const overcluster = over === undefined ? undefined : Number(over);
  const ours = clusterTopics(texts, { k, seed, dims, wordVectors, vectorWeight, overcluster });
  const ms = performance.now() - t0;
  const base = baselineKMeans(texts, k, 1);
  const row = [
    name,
    tuned ? "yes" : "no",
    String(items.length),
    String(k),
    nmi(truth, base).toFixed(3),
    nmi(truth, ours.assignments).toFixed(3),
    `${(ms / 1000).toFixed(1)} s`,
  ];
  console.log(`| ${row.join(" | ")} |`);
}

console.log("| set | tuned on | items | k | TF-IDF + k-means NMI | Rapport NMI | time |");
console.log("|---|---|---|---|---|---|---|");
const bank = banking();
evaluate("BANKING77 train, 3,080 sample", sample(bank, 3080, 7), true);
if (process.env.TOPIC_QUICK === undefined) evaluate("BANKING77 train, all", bank, true);
evaluate("Bitext intents", bitext("intent"), false);
evaluate("Bitext categories", bitext("category"), false);
evaluate("Product-review complaints by product", productComplaints(), false);
