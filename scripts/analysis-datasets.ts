/**
 * Readers for the shared datasets used by `train-analysis.ts` and `eval-analysis.ts`.
 * See ../shared/datasets/README.md for formats and licences.
 */
import { existsSync, readFileSync } from "node:fs";
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
