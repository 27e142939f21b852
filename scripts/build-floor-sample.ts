/**
 * Builds the labelled sample behind the analysis regression floor
 * (test/fixtures/analysis-floor/sample.json, tested by test/analysis-floor.test.ts).
 * Only data whose licence allows shipping copies: GoEmotions dev (Apache-2.0), BANKING77 train and
 * Bing Liu's review sentences (CC BY 4.0). Items are drawn at random with a fixed seed, never
 * picked by hand or by how the engine scores them. Labels are those of lodo-domains.ts.
 *
 *   npx tsx scripts/build-floor-sample.ts && npx prettier --write test/fixtures/analysis-floor
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Rng } from "../src/domains/demo/prng.ts";
import { loadDomains, type LabelledItem } from "./lodo-domains.ts";

const OUT = join(import.meta.dirname, "../test/fixtures/analysis-floor/sample.json");
const rng = new Rng(2026);

function draw<T>(items: T[], n: number): T[] {
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, n);
}

interface SampleItem {
  domain: string;
  text: string;
  polarity?: string;
  complaint?: boolean;
}

const out: SampleItem[] = [];
const add = (domain: string, items: LabelledItem[]) => {
  for (const i of items) {
    const item: SampleItem = { domain, text: i.text };
    if (i.polarity !== undefined) item.polarity = i.polarity;
    if (i.complaint !== undefined) item.complaint = i.complaint;
    out.push(item);
  }
};
const domains = new Map(loadDomains().map((d) => [d.name, d]));
const go = domains.get("goemotions")?.test ?? [];
for (const pol of ["negative", "neutral", "positive"] as const)
  add(
    "goemotions",
    draw(
      go.filter((i) => i.polarity === pol),
      50,
    ),
  );
const bank = domains.get("banking77")?.train ?? [];
add(
  "banking77",
  draw(
    bank.filter((i) => i.polarity === "neutral"),
    50,
  ),
);
add(
  "banking77",
  draw(
    bank.filter((i) => i.polarity === "negative"),
    50,
  ),
);
add(
  "banking77",
  draw(
    bank.filter((i) => i.polarity === undefined),
    25,
  ),
);
const reviews = (domains.get("bingliu")?.train ?? []).filter((i) => i.part === "reviews");
for (const pol of ["negative", "positive"] as const)
  add(
    "bingliu",
    draw(
      reviews.filter((i) => i.polarity === pol),
      50,
    ),
  );
writeFileSync(OUT, `${JSON.stringify(out, null, 1)}\n`);
console.log(`wrote ${out.length} items to ${OUT}`);
