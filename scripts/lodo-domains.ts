/**
 * The permissively licensed domains of leave-one-domain-out validation (`eval-lodo.ts`), each item
 * with the labels it can give: a sentiment polarity and/or a complaint flag. Which labels each
 * source gives is decided from what its annotation means, not from predictions:
 *
 * - goemotions (Reddit comments, Apache-2.0): polarity from the group taxonomy; complaint =
 *   annoyance, disappointment, disapproval or anger, not complaint = calm comments (as in
 *   train-analysis.ts). Fitted on train, measured on dev.
 * - banking77 (online-banking queries, CC BY 4.0): informational intents are neutral, not
 *   complaints; intents reporting a failure that already happened are negative complaints; the
 *   other problem intents (card arrival, pending…) are complaints without a polarity.
 * - bitext (customer-support requests, CDLA-Sharing-1.0): informational intents neutral, not
 *   complaints; `complaint`, `payment_issue`, `registration_problems` complaints without polarity.
 * - bingliu (consumer reviews, CC BY 4.0): review sentences with aspect tags (negative ⇒
 *   complaint) and pros/cons phrases (cons ⇒ negative complaint), pros/cons sampled to 4,000 each.
 */
import { Rng } from "../src/domains/demo/prng.ts";
import {
  BANKING_FAILURES,
  BANKING_PROBLEMS,
  BITEXT_PROBLEMS,
  datasetPath,
  groupToPolarity,
  hasDataset,
  readBingLiuProsCons,
  readBingLiuReviews,
  readCsv,
  readGoEmotions,
  type Polarity,
} from "./analysis-datasets.ts";

export interface LabelledItem {
  text: string;
  polarity?: Polarity;
  complaint?: boolean;
  /** Part of the domain, for per-part figures ("reviews", "pros/cons"). */
  part?: string;
}

export interface Domain {
  name: string;
  /** Items a model may be fitted on when the domain is not held out. */
  train: LabelledItem[];
  /** Items measured when the domain is held out. */
  test: LabelledItem[];
}

const COMPLAINT_IDS = [2, 3, 9, 10];
const CALM_IDS = new Set([0, 1, 4, 5, 8, 13, 15, 17, 18, 20, 21, 23, 27]);

/** `split` is "train" or "dev": `<split>.tsv` (27 emotions) and `group_<split>.tsv` share rows. */
function goEmotionsItems(split: string): LabelledItem[] {
  const out: LabelledItem[] = [];
  const groups = readGoEmotions(`group_${split}.tsv`);
  let calm = 0;
  for (const [i, row] of readGoEmotions(`${split}.tsv`).entries()) {
    const item: LabelledItem = { text: row.text };
    const polarity = groupToPolarity(groups[i]?.labels ?? []);
    if (polarity !== undefined) item.polarity = polarity;
    if (row.labels.some((l) => COMPLAINT_IDS.includes(l))) item.complaint = true;
    else if (row.labels.every((l) => CALM_IDS.has(l)) && calm++ % 2 === 0) item.complaint = false;
    if (item.polarity !== undefined || item.complaint !== undefined) out.push(item);
  }
  return out;
}

function bankingItems(): LabelledItem[] {
  return readCsv(datasetPath("banking77", "train.csv")).map((row) => {
    const intent = row.category ?? "";
    const item: LabelledItem = { text: row.text ?? "", complaint: BANKING_PROBLEMS.has(intent) };
    if (BANKING_FAILURES.has(intent)) item.polarity = "negative";
    else if (!BANKING_PROBLEMS.has(intent)) item.polarity = "neutral";
    return item;
  });
}

function bitextItems(): LabelledItem[] {
  return readCsv(datasetPath("bitext", "Bitext_Sample_Customer_Support_Training_Dataset.csv")).map(
    (row) => {
      const problem = BITEXT_PROBLEMS.has(row.intent ?? "");
      const item: LabelledItem = { text: row.instruction ?? "", complaint: problem };
      if (!problem) item.polarity = "neutral";
      return item;
    },
  );
}

function bingLiuItems(): LabelledItem[] {
  const out: LabelledItem[] = readBingLiuReviews().map((r) => ({
    text: r.text,
    polarity: r.polarity,
    complaint: r.polarity === "negative",
    part: "reviews",
  }));
  // A fixed sample keeps the 45,000 short phrases from outweighing the other domains.
  const rng = new Rng(5);
  for (const pro of [true, false]) {
    const phrases = readBingLiuProsCons().filter((p) => p.pro === pro);
    for (let i = phrases.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [phrases[i], phrases[j]] = [phrases[j]!, phrases[i]!];
    }
    for (const p of phrases.slice(0, 4000))
      out.push({
        text: p.text,
        polarity: pro ? "positive" : "negative",
        complaint: !pro,
        part: "pros/cons",
      });
  }
  return out;
}

/** Every domain whose files are present under the datasets folder. */
export function loadDomains(): Domain[] {
  const domains: Domain[] = [];
  if (hasDataset("goemotions", "group_train.tsv") && hasDataset("goemotions", "group_dev.tsv")) {
    domains.push({
      name: "goemotions",
      train: goEmotionsItems("train"),
      test: goEmotionsItems("dev"),
    });
  }
  if (hasDataset("banking77", "train.csv")) {
    const items = bankingItems();
    domains.push({ name: "banking77", train: items, test: items });
  }
  if (hasDataset("bitext")) {
    const items = bitextItems();
    domains.push({ name: "bitext", train: items, test: items });
  }
  if (hasDataset("bingliu")) {
    const items = bingLiuItems();
    domains.push({ name: "bingliu", train: items, test: items });
  }
  return domains;
}

/** Which domains each model of a training recipe is fitted on. */
export interface Recipe {
  sentiment: readonly string[];
  complaint: readonly string[];
  /** Parts of those domains left out of the sentiment fit. */
  sentimentSkipParts?: readonly string[];
}

export const RECIPES: Record<string, Recipe> = {
  /** Engine 2026.11.5: sentiment on GoEmotions only; complaint on GoEmotions, BANKING77, Bitext. */
  "2026.11.5": { sentiment: ["goemotions"], complaint: ["goemotions", "banking77", "bitext"] },
  /** Sentiment on the domains with opinions of both signs; complaint on every domain. */
  opinions: {
    sentiment: ["goemotions", "bingliu"],
    complaint: ["goemotions", "banking77", "bitext", "bingliu"],
  },
  /** As "opinions", plus BANKING77 (failure reports negative, inquiries neutral) for sentiment. */
  "opinions+banking": {
    sentiment: ["goemotions", "bingliu", "banking77"],
    complaint: ["goemotions", "banking77", "bitext", "bingliu"],
  },
  /**
   * As "opinions+banking" without the pros/cons phrases in the sentiment fit: two-to-five-word
   * noun phrases with no neutral phrases of the same form teach that a short message is never
   * neutral ("ok" positive, "Battery" negative).
   */
  "opinions+banking-phrases": {
    sentiment: ["goemotions", "bingliu", "banking77"],
    complaint: ["goemotions", "banking77", "bitext", "bingliu"],
    sentimentSkipParts: ["pros/cons"],
  },
  /** Every model on every permissive domain. */
  "all-domains": {
    sentiment: ["goemotions", "banking77", "bitext", "bingliu"],
    complaint: ["goemotions", "banking77", "bitext", "bingliu"],
  },
};

/**
 * The recipe `train-analysis.ts` ships, chosen by the mean LODO sentiment macro-F1 over the four
 * held-out domains (complaint LODO is the same for every recipe that fits it on all domains); see
 * analysis-accuracy.md, "Leave-one-domain-out validation".
 */
export const TRAIN_RECIPE = "opinions+banking-phrases";
