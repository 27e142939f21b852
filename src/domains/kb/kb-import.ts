/**
 * Parsers for knowledge-base imports: one Markdown or HTML document per file, or a CSV of articles
 * (`title`, `body`, optional `tags` separated by `;` or `,`, `locale`, `key`). Pure: text in,
 * article drafts out; a draft that cannot be an article is reported by its row, never guessed.
 */
import { parse } from "csv-parse/sync";
import { AppError } from "../../lib/errors.ts";

export const KB_IMPORT_FORMATS = ["markdown", "html", "csv"] as const;
export type KbImportFormat = (typeof KB_IMPORT_FORMATS)[number];

export const TITLE_MAX = 300;
export const BODY_MAX = 100_000;
export const IMPORT_MAX_ARTICLES = 5_000;

export interface ArticleDraft {
  title: string;
  body: string;
  tags: string[];
  locale: string;
  externalKey: string | null;
}

/** The format a file name says, or null. */
export function formatOfFileName(name: string): KbImportFormat | null {
  const ext = name.toLowerCase().split(".").pop() ?? "";
  if (ext === "md" || ext === "markdown") return "markdown";
  if (ext === "html" || ext === "htm") return "html";
  if (ext === "csv") return "csv";
  return null;
}

function invalid(message: string): never {
  throw new AppError("IMPORT_FILE_INVALID", { message });
}

function checked(draft: ArticleDraft, where: string): ArticleDraft {
  const title = draft.title.replace(/\s+/g, " ").trim();
  const body = draft.body.trim();
  if (!title) invalid(`${where}: no title`);
  if (!body) invalid(`${where}: no body`);
  if (title.length > TITLE_MAX) invalid(`${where}: title longer than ${TITLE_MAX} characters`);
  if (body.length > BODY_MAX) invalid(`${where}: body longer than ${BODY_MAX} characters`);
  return { ...draft, title, body, tags: splitTags(draft.tags.join(";")) };
}

/** Tags from "a; b, c": trimmed, lowercased, distinct, at most 20 of 50 characters. */
export function splitTags(text: string): string[] {
  const tags = text
    .split(/[;,]/)
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t.length > 0 && t.length <= 50);
  return [...new Set(tags)].slice(0, 20);
}

/**
 * A Markdown article: the first `# ` heading is its title (else `fallbackTitle`); optional front
 * matter gives `title`, `tags` and `locale`.
 */
export function parseMarkdownArticle(
  text: string,
  fallbackTitle: string,
  key: string | null,
): ArticleDraft {
  let rest = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const meta: Record<string, string> = {};
  const front = /^---\n([\s\S]*?)\n---\n/.exec(rest);
  if (front) {
    for (const line of front[1]!.split("\n")) {
      const m = /^(\w+):\s*(.*)$/.exec(line);
      if (m) meta[m[1]!.toLowerCase()] = m[2]!.replace(/^\[|\]$/g, "").replace(/^["']|["']$/g, "");
    }
    rest = rest.slice(front[0].length);
  }
  let title = meta.title ?? "";
  const heading = /^#\s+(.+)$/m.exec(rest);
  if (!title && heading) {
    title = heading[1]!;
    rest = rest.replace(heading[0], "");
  }
  return checked(
    {
      title: title || fallbackTitle,
      body: rest,
      tags: meta.tags ? [meta.tags] : [],
      locale: meta.locale ?? "en",
      externalKey: key,
    },
    "markdown",
  );
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith("#x") || name.startsWith("#X"))
      return safeChar(parseInt(name.slice(2), 16), whole);
    if (name.startsWith("#")) return safeChar(parseInt(name.slice(1), 10), whole);
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function safeChar(code: number, fallback: string): string {
  return code > 0 && code < 0x110000 && !(code >= 0xd800 && code <= 0xdfff)
    ? String.fromCodePoint(code)
    : fallback;
}

/**
 * An HTML article as Markdown: the `<title>` (else the first `<h1>`) is its title; scripts, styles
 * and comments are dropped; headings, paragraphs and list items keep their breaks. The result is
 * only ever shown as text, so no markup survives to be rendered.
 */
export function parseHtmlArticle(
  html: string,
  fallbackTitle: string,
  key: string | null,
): ArticleDraft {
  const clean = html
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, " ");
  const strip = (s: string) =>
    decodeEntities(s.replace(/<[^>]*>/g, " "))
      .replace(/[ \t]+/g, " ")
      .trim();
  const titleTag = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(clean);
  const h1 = /<h1\b[^>]*>([\s\S]*?)<\/h1\s*>/i.exec(clean);
  const title = strip(titleTag?.[1] ?? h1?.[1] ?? "") || fallbackTitle;
  const bodyHtml = (/<body\b[^>]*>([\s\S]*)<\/body\s*>/i.exec(clean)?.[1] ?? clean)
    .replace(/<title\b[\s\S]*?<\/title\s*>/gi, " ")
    .replace(h1 && !titleTag ? h1[0] : "\u0000", " ");
  const markdown = bodyHtml
    .replace(
      /<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi,
      (_m, level: string, inner: string) => `\n\n${"#".repeat(Number(level))} ${strip(inner)}\n\n`,
    )
    .replace(/<li\b[^>]*>/gi, "\n- ")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|section|article|ul|ol|table|tr|blockquote)\s*>/gi, "\n\n")
    .split("\n")
    .map(strip)
    .join("\n")
    .replace(/\n{3,}/g, "\n\n");
  return checked({ title, body: markdown, tags: [], locale: "en", externalKey: key }, "html");
}

/** Articles of a CSV with a header row naming at least `title` and `body`. */
export function parseCsvArticles(text: string): ArticleDraft[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(text.replace(/^\uFEFF/, ""), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      relax_column_count: false,
    });
  } catch (err) {
    invalid(`csv: ${err instanceof Error ? err.message : "unreadable"}`);
  }
  if (rows.length === 0) invalid("csv: no rows");
  if (!("title" in rows[0]!) || !("body" in rows[0]!)) invalid("csv: needs title and body columns");
  if (rows.length > IMPORT_MAX_ARTICLES) invalid(`csv: more than ${IMPORT_MAX_ARTICLES} articles`);
  return rows.map((row, i) =>
    checked(
      {
        title: row.title ?? "",
        body: row.body ?? "",
        tags: row.tags ? [row.tags] : [],
        locale: row.locale?.trim() || "en",
        externalKey: row.key?.trim() || null,
      },
      `csv row ${i + 2}`,
    ),
  );
}

/** The drafts in one uploaded file. `name` gives the fallback title and the import key. */
export function parseArticles(format: KbImportFormat, name: string, text: string): ArticleDraft[] {
  const base = name.replace(/^.*[\\/]/, "").replace(/\.[^.]+$/, "") || "Untitled";
  const key = `file:${name.replace(/^.*[\\/]/, "")}`;
  switch (format) {
    case "markdown":
      return [parseMarkdownArticle(text, base, key)];
    case "html":
      return [parseHtmlArticle(text, base, key)];
    case "csv":
      return parseCsvArticles(text);
  }
}
