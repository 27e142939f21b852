import { beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import * as repo from "./kb.repo.ts";
import { createArticle, importArticles, removeArticle, searchKnowledge } from "./kb.service.ts";
import { queryTerms } from "./passages.ts";
import { CANDIDATE_BUDGET } from "./term-rarity.ts";
import { countTermArticles } from "./term-stats.ts";

const WORDS = "refund order card cancel charge delivery parcel invoice".split(" ");

/** `n` generic articles that all share a handful of everyday words, as a big help centre does. */
function genericCsv(n: number): string {
  const rows = ["key,title,body"];
  for (let i = 0; i < n; i++) {
    const w = (k: number) => WORDS[(i * 7 + k * 3) % WORDS.length]!;
    rows.push(
      `g${i},"${w(0)} ${w(1)} guide ${i}","Ask about the ${w(2)} and the ${w(3)}, then the ${w(4)}."`,
    );
  }
  return rows.join("\n");
}

describeEachBackend("searchKnowledge: candidates by rarity", ({ database }) => {
  let org: TestOrg;
  let specific: string;
  const question = "I was charged twice on my card for this order, I want a refund or I cancel";

  beforeAll(async () => {
    const db = database().db;
    org = await buildOrg(db);
    await importArticles(db, org.orgId, {
      format: "csv",
      fileName: "generic.csv",
      content: genericCsv(CANDIDATE_BUDGET + 200),
    });
    specific = (
      await createArticle(db, org.orgId, {
        title: "Refund a double charge",
        body: "If a customer was charged twice, refund the duplicate payment from the Billing tab.",
      })
    ).id;
  });

  it("ranks the article with the customer's rare words first, and still fills every card", async () => {
    const hits = await searchKnowledge(database().db, org.orgId, question, { limit: 3 });
    expect(hits.map((h) => h.articleId)[0]).toBe(specific);
    expect(hits).toHaveLength(3);
    for (const h of hits.slice(1)) expect(h.score).toBeLessThanOrEqual(hits[0]!.score);
  });

  it("gives exactly the full ranking when the words match no more than the budget", async () => {
    const db = database().db;
    const text = "where is the invoice for my duplicate payment";
    const terms = queryTerms(text);
    const counts = await countTermArticles(db, org.orgId, terms);
    const total = counts.reduce((n, t) => n + t.articles, 0);
    expect(total).toBeGreaterThan(100);
    expect(total).toBeLessThanOrEqual(CANDIDATE_BUDGET);
    const all = { all: terms, rare: terms, common: [] };
    const full = await repo.rankArticles(db, org.orgId, all, 5, 0);
    const hits = await searchKnowledge(db, org.orgId, text, { limit: 5 });
    expect(hits.map((h) => h.articleId)).toEqual(full.map((r) => r.id));
  });

  it("scores each candidate against the whole query, as the full ranking does", async () => {
    const db = database().db;
    const terms = queryTerms("the parcel never came, where is my delivery or refund");
    const everything = { all: terms, rare: terms, common: [] };
    const full = new Map(
      (await repo.rankArticles(db, org.orgId, everything, 10_000, 0)).map((r) => [r.id, r.rank]),
    );
    const [first, ...rest] = terms;
    const split = await repo.rankArticles(
      db,
      org.orgId,
      { all: terms, rare: [first!], common: rest },
      5,
      50,
    );
    expect(split).toHaveLength(5);
    for (const r of split) expect(r.rank).toBeCloseTo(full.get(r.id)!, 6);
  });

  it("counts a new article's words at once in the process that wrote it", async () => {
    const db = database().db;
    const [before] = await countTermArticles(db, org.orgId, ["router"]);
    expect(before).toEqual({ word: "router", articles: 0 });
    const created = await createArticle(db, org.orgId, {
      title: "Router lights",
      body: "A red router light means no signal.",
    });
    expect(await countTermArticles(db, org.orgId, ["router"])).toEqual([
      { word: "router", articles: 1 },
    ]);
    await removeArticle(db, org.orgId, created.id);
    expect(await countTermArticles(db, org.orgId, ["router"])).toEqual([
      { word: "router", articles: 0 },
    ]);
  });

  it("keeps tenants apart: another org's articles are neither counted nor found", async () => {
    const db = database().db;
    const other = await buildOrg(db);
    expect(await countTermArticles(db, other.orgId, ["refund"])).toEqual([
      { word: "refund", articles: 0 },
    ]);
    expect(await searchKnowledge(db, other.orgId, question)).toEqual([]);
  });
});
