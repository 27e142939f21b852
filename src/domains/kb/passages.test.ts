import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsvArticles, parseHtmlArticle, parseMarkdownArticle } from "./kb-import.ts";
import { bestPassage, MAX_QUERY_TERMS, queryTerms, SNIPPET_MAX } from "./passages.ts";

describe("queryTerms", () => {
  it("keeps only [a-z0-9] words, at most the cap, so the OR query always parses", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        const terms = queryTerms(text);
        expect(terms.length).toBeLessThanOrEqual(MAX_QUERY_TERMS);
        for (const t of terms) expect(t).toMatch(/^[a-z0-9]+$/);
      }),
    );
  });
  it("puts the latest words first and drops stop words", () => {
    expect(queryTerms("The parcel is late. I want a refund")).toEqual([
      "refund",
      "want",
      "late",
      "parcel",
    ]);
  });
});

describe("bestPassage", () => {
  it("picks the sentence sharing the most stems with the query", () => {
    const body = "Welcome to billing. Refunds of a double charge take 3 days. Contact us anytime.";
    expect(bestPassage(body, ["refunded", "charges"])).toMatch(/^Refunds of a double charge/);
  });
  it("never exceeds the snippet length", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 3000 }),
        fc.array(fc.string(), { maxLength: 5 }),
        (b, t) => {
          expect(bestPassage(b, t).length).toBeLessThanOrEqual(SNIPPET_MAX);
        },
      ),
    );
  });
});

describe("article parsers", () => {
  it("take the Markdown heading as the title", () => {
    const a = parseMarkdownArticle("---\ntags: a; b\n---\n# Reset\n\nSend the link.", "f", "k");
    expect(a).toMatchObject({ title: "Reset", tags: ["a", "b"], externalKey: "k" });
    expect(a.body).toBe("Send the link.");
  });
  it("never keep a script or a tag from HTML", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (inner) => {
        const html = `<title>T</title><body><p>Text ${inner}</p><script>evil()</script></body>`;
        let body = "";
        try {
          body = parseHtmlArticle(html, "f", null).body;
        } catch {
          return;
        }
        expect(body).not.toContain("evil()");
        expect(body).not.toMatch(/<\/?p>/);
      }),
    );
  });
  it("report the CSV row that cannot be an article", () => {
    expect(() => parseCsvArticles("title,body\nA,\n")).toThrow(/csv row 2: no body/);
  });
});
