/**
 * The text of a helpdesk message as Rapport analyses it: the vendor's plain text (entities such as
 * `&nbsp;` decoded), else its HTML converted to text; quoted history and signatures stripped with
 * the e-mail channel's own logic so a customer's message never carries the agent's earlier words.
 * The whole text stays in `rawText`.
 */
import { decodeHTML } from "entities";
import { htmlToText } from "../../lib/html-text.ts";
import { stripQuotedText } from "../email/index.ts";

/** Ingest's limits for `text` and `rawText` (ingest.schemas.ts). */
const MAX_TEXT = 100_000;
const MAX_RAW_TEXT = MAX_TEXT * 5;

export interface MessageText {
  text: string;
  rawText?: string;
}

/** Entities some tools leave in their "plain" text (`&nbsp;`, `&amp;`), decoded; NBSP as a space. */
export function decodeEntities(text: string): string {
  return decodeHTML(text).replace(/\u00a0/g, " ");
}

/**
 * The analysed text and raw text of one message from its plain text and HTML (either may be
 * missing or empty); undefined when neither holds any text.
 */
export function messageText(plain: unknown, html: unknown): MessageText | undefined {
  let raw = typeof plain === "string" ? decodeEntities(plain).trim() : "";
  if (raw === "" && typeof html === "string" && html.trim() !== "") raw = htmlToText(html);
  if (raw === "") return undefined;
  const stripped = stripQuotedText(raw).trim();
  // A message that is all quote (a bare forward) keeps its text rather than becoming empty.
  const text = (stripped === "" ? raw : stripped).slice(0, MAX_TEXT);
  return text === raw ? { text } : { text, rawText: raw.slice(0, MAX_RAW_TEXT) };
}
