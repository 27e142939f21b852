import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { htmlToText } from "../../lib/html-text.ts";
import { appUrl, composeEmail, escapeHtml } from "./compose.ts";

/** What a reader sees of the HTML part: its text, with the addresses its links lead to. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
}

describe("composeEmail", () => {
  it("says the same thing in text and HTML, whatever the paragraphs hold", () => {
    const line = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 4 }), (paragraphs) => {
        const { text, html } = composeEmail({ paragraphs });
        expect(text).toBe(`${paragraphs.join("\n\n")}\n`);
        // Markup written by a customer or an admin stays text: no tag of theirs reaches the HTML.
        expect(html.match(/<[a-z]+/g)?.every((t) => ["<div", "<p"].includes(t))).toBe(true);
        // HTML collapses runs of white space; the words and their order are what must survive.
        const words = (t: string) => t.replace(/\s+/g, " ").trim();
        const shown = words(htmlToText(html));
        for (const p of paragraphs) expect(shown).toContain(words(p));
      }),
    );
  });

  it("gives the action as a button in HTML and as its address in text", () => {
    const url = "https://rapport.example.com/cases/1?a=1&b=2";
    const { text, html } = composeEmail({
      paragraphs: ['Case C-1 "Late <refund>" escalated'],
      action: { label: "Open the case", url },
      hint: "Open Rapport → Cases.",
    });
    expect(text).toBe(`Case C-1 "Late <refund>" escalated\n\nOpen the case: ${url}\n`);
    expect(hrefs(html)).toEqual([url]);
    expect(html).toContain("&lt;refund&gt;");
    expect(html).not.toContain("Open Rapport → Cases.");
  });

  it("says where to look when there is no address, and lists items with their links", () => {
    const { text, html } = composeEmail({
      paragraphs: ["Two conversations:"],
      items: [{ text: "complaint", url: "https://r.example/conversations/1" }, { text: "other" }],
      hint: "Open Rapport → Quality.",
    });
    expect(text).toBe(
      "Two conversations:\n\n- complaint: https://r.example/conversations/1\n- other\n\nOpen Rapport → Quality.\n",
    );
    expect(hrefs(html)).toEqual(["https://r.example/conversations/1"]);
    expect(htmlToText(html)).toContain("Open Rapport → Quality.");
  });
});

describe("escapeHtml", () => {
  it("leaves no markup character and loses nothing", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = escapeHtml(s);
        expect(out).not.toMatch(/[<>"']/);
        const back = out
          .replaceAll("&lt;", "<")
          .replaceAll("&gt;", ">")
          .replaceAll("&quot;", '"')
          .replaceAll("&#39;", "'")
          .replaceAll("&amp;", "&");
        expect(back).toBe(s);
      }),
    );
  });
});

describe("appUrl", () => {
  const previous = process.env.RAPPORT_PUBLIC_URL;
  afterEach(() => {
    if (previous === undefined) delete process.env.RAPPORT_PUBLIC_URL;
    else process.env.RAPPORT_PUBLIC_URL = previous;
  });

  it("joins the public address and the path, and gives none without one", () => {
    process.env.RAPPORT_PUBLIC_URL = "https://rapport.example.com//";
    expect(appUrl("/cases/1")).toBe("https://rapport.example.com/cases/1");
    delete process.env.RAPPORT_PUBLIC_URL;
    expect(appUrl("/cases/1")).toBeUndefined();
  });
});
