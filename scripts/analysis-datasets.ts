/**
 * Readers for the shared datasets used by `train-analysis.ts` and `eval-analysis.ts`.
 * See ../shared/datasets/README.md for formats and licences.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "csv-parse/sync";

export const DATASETS = resolve(
  process.env.RAPPORT_DATASETS ?? join(process.cwd(), "../shared/datasets"),
);

export function datasetPath(...parts: string[]): string {
  return join(DATASETS, ...parts);
}

export function hasDataset(...parts: string[]): boolean {
  return existsSync(datasetPath(...parts));
}

/** A CSV file with a header row, as records; rows with another number of fields are skipped. */
export function readCsv(path: string): Record<string, string>[] {
  const rows: string[][] = parse(readFileSync(path, "utf8"), { relax_column_count: true });
  const header = rows.shift() ?? [];
  return rows
    .filter((r) => r.length === header.length)
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

/** GoEmotions tsv: text, comma-separated label ids. */
export function readGoEmotions(file: string): { text: string; labels: number[] }[] {
  return readFileSync(datasetPath("goemotions", file), "utf8")
    .split("\n")
    .filter((l) => l.length > 0)
    .map((l) => {
      const [text = "", ids = ""] = l.split("\t");
      return { text, labels: ids.split(",").map(Number) };
    });
}

/** Group taxonomy ids: 0 ambiguous, 1 negative, 2 neutral, 3 positive (group_labels.txt order). */
export type Polarity = "negative" | "neutral" | "positive";

/**
 * Maps group labels to one polarity: "ambiguous" (surprise, confusion, curiosity, realization) carries
 * no polarity and is ignored; an item with no remaining label or with two polarities is dropped.
 */
export function groupToPolarity(labels: number[]): Polarity | undefined {
  const set = new Set(labels.filter((l) => l !== 0));
  if (set.size !== 1) return undefined;
  const [only] = set;
  return only === 1 ? "negative" : only === 2 ? "neutral" : only === 3 ? "positive" : undefined;
}

export interface UssTurn {
  role: "USER" | "SYSTEM";
  text: string;
  ratings: number[];
}
export interface UssDialogue {
  source: string;
  turns: UssTurn[];
  overall: number;
}

export function readUss(): UssDialogue[] {
  const out: UssDialogue[] = [];
  for (const file of ["MWOZ-dev.txt", "SGD-dev.txt", "ReDial-dev.txt", "CCPE-dev.txt"]) {
    if (!hasDataset("uss", file)) continue;
    const blocks = readFileSync(datasetPath("uss", file), "utf8").split(/\r?\n\s*\r?\n/);
    for (const block of blocks) {
      const turns: UssTurn[] = [];
      let overall = Number.NaN;
      for (const line of block.split(/\r?\n/)) {
        if (line.trim() === "") continue;
        const [role = "", text = "", , ratingField = ""] = line.split("\t");
        const ratings = ratingField
          .split(",")
          .map((r) => Number(r.trim()))
          .filter((r) => r >= 1 && r <= 5);
        if (role === "USER" && text.trim() === "OVERALL") {
          overall = mean(ratings);
          continue;
        }
        if (role !== "USER" && role !== "SYSTEM") continue;
        turns.push({ role, text, ratings });
      }
      if (turns.length > 0 && Number.isFinite(overall)) out.push({ source: file, turns, overall });
    }
  }
  return out;
}

export function mean(xs: number[]): number {
  if (xs.length === 0) return Number.NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** A Bing Liu review sentence (Hu & Liu 2004): polarity from the sum of its aspect tags. */
export interface ReviewSentence {
  text: string;
  polarity: "negative" | "positive";
}

const ASPECT_TAG = /\[([+-]\d)\]/g;

/**
 * Review sentences of `bingliu/product_reviews_1` and `_2` whose aspect tags (`aspect[-2]##text`)
 * sum to a non-zero polarity. Untagged sentences are skipped: the annotators tagged opinions on
 * product features only, so an untagged sentence is not reliably neutral.
 */
export function readBingLiuReviews(): ReviewSentence[] {
  const out: ReviewSentence[] = [];
  for (const dir of ["product_reviews_1", "product_reviews_2"]) {
    if (!hasDataset("bingliu", dir)) continue;
    for (const file of readdirSync(datasetPath("bingliu", dir))) {
      if (!file.endsWith(".txt") || file.toLowerCase() === "readme.txt") continue;
      for (const line of readFileSync(datasetPath("bingliu", dir, file), "utf8").split(/\r?\n/)) {
        const at = line.indexOf("##");
        if (at <= 0) continue;
        let sum = 0;
        for (const m of line.slice(0, at).matchAll(ASPECT_TAG)) sum += Number(m[1]);
        const text = line.slice(at + 2).trim();
        if (sum === 0 || text === "") continue;
        out.push({ text, polarity: sum > 0 ? "positive" : "negative" });
      }
    }
  }
  return out;
}

/** Bing Liu's pros and cons phrases (Ganapathibhotla & Liu 2008): `<Pros>…</Pros>` lines. */
export function readBingLiuProsCons(): { text: string; pro: boolean }[] {
  const out: { text: string; pro: boolean }[] = [];
  for (const [file, tag, pro] of [
    ["IntegratedPros.txt", "Pros", true],
    ["IntegratedCons.txt", "Cons", false],
  ] as const) {
    if (!hasDataset("bingliu", "pros_cons", file)) continue;
    const re = new RegExp(`<${tag}>(.*?)</${tag}>`);
    for (const line of readFileSync(datasetPath("bingliu", "pros_cons", file), "latin1").split(
      /\r?\n/,
    )) {
      const text = re.exec(line)?.[1]?.trim();
      if (text !== undefined && text !== "") out.push({ text, pro });
    }
  }
  return out;
}

/** BANKING77 intents that report a problem (complaint positives in train-analysis.ts). */
export const BANKING_PROBLEMS = new Set([
  "card_not_working",
  "lost_or_stolen_card",
  "pin_blocked",
  "contactless_not_working",
  "wrong_amount_of_cash_received",
  "transfer_not_received_by_recipient",
  "top_up_reverted",
  "balance_not_updated_after_cheque_or_cash_deposit",
  "card_payment_not_recognised",
  "unable_to_verify_identity",
  "compromised_card",
  "direct_debit_payment_not_recognised",
  "declined_cash_withdrawal",
  "lost_or_stolen_phone",
  "declined_transfer",
  "Refund_not_showing_up",
  "declined_card_payment",
  "card_swallowed",
  "transaction_charged_twice",
  "reverted_card_payment?",
  "failed_transfer",
  "virtual_card_not_working",
  "wrong_exchange_rate_for_cash_withdrawal",
  "top_up_failed",
  "balance_not_updated_after_bank_transfer",
  "cash_withdrawal_not_recognised",
  "card_payment_wrong_exchange_rate",
  "extra_charge_on_statement",
  "card_arrival",
  "pending_transfer",
  "pending_card_payment",
  "pending_top_up",
  "pending_cash_withdrawal",
]);
export const BITEXT_PROBLEMS = new Set(["complaint", "payment_issue", "registration_problems"]);

/**
 * The BANKING77 problem intents whose name says a failure already happened (declined, failed,
 * charged twice, not working, not received, wrong amount…): customers writing these report a
 * service failure, which people label negative. Decided from the intent names, not from
 * predictions. The other problem intents (card_arrival, pending_*, lost_or_stolen_*) are often
 * plain questions and carry no sentiment label.
 */
export const BANKING_FAILURES = new Set([
  "card_not_working",
  "contactless_not_working",
  "virtual_card_not_working",
  "declined_card_payment",
  "declined_transfer",
  "declined_cash_withdrawal",
  "failed_transfer",
  "top_up_failed",
  "top_up_reverted",
  "reverted_card_payment?",
  "transaction_charged_twice",
  "wrong_amount_of_cash_received",
  "extra_charge_on_statement",
  "card_swallowed",
  "Refund_not_showing_up",
  "transfer_not_received_by_recipient",
  "balance_not_updated_after_bank_transfer",
  "balance_not_updated_after_cheque_or_cash_deposit",
  "wrong_exchange_rate_for_cash_withdrawal",
  "card_payment_wrong_exchange_rate",
  "pin_blocked",
  "card_payment_not_recognised",
  "cash_withdrawal_not_recognised",
  "direct_debit_payment_not_recognised",
  "compromised_card",
]);
