import { analyzeMessage } from "../../analysis/index.ts";
import type { IdeaSource } from "../../db/schema/index.ts";

/** An internal note meant as an idea says so: "Idea: …", "#idea …", "Suggestion - …". */
const NOTE_MARKER = /^\s*#?(idea|suggestion|proposal|improvement)\b\s*[:\-–]?\s*/i;
const TITLE_MAX = 90;

export interface MinedIdea {
  source: IdeaSource;
  title: string;
  body: string;
  evidence: string[];
}

/** The first sentence, cut at a word to at most TITLE_MAX characters. */
export function titleFrom(text: string): string {
  const first = text.trim().split(/(?<=[.!?])\s+/)[0] ?? "";
  if (first.length <= TITLE_MAX) return first;
  const cut = first.slice(0, TITLE_MAX - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > 40 ? cut.slice(0, space) : cut}…`;
}

/**
 * Whether a message is a candidate idea, and what it says. Customer messages count when the
 * engine found a `suggestion` (`signalNames` as stored); internal notes when they carry an idea
 * marker or read as a suggestion themselves (the customer cues run on the note's text, because
 * the engine looks only for `disrespect` in internal notes).
 */
export function mineMessage(
  role: "customer" | "internal",
  text: string,
  signalNames: readonly string[],
): MinedIdea | null {
  const clean = text.trim();
  if (clean.length < 8) return null;
  if (role === "customer") {
    if (!signalNames.includes("suggestion")) return null;
    return {
      source: "customer_suggestion",
      title: titleFrom(clean),
      body: clean.slice(0, 5000),
      evidence: [clean.slice(0, 1000)],
    };
  }
  const marker = NOTE_MARKER.exec(clean);
  const rest = marker ? clean.slice(marker[0].length) : clean;
  const suggests =
    marker !== null ||
    analyzeMessage({ text: clean, role: "customer" }).signals.some((s) => s.name === "suggestion");
  if (!suggests || rest.length < 8) return null;
  return {
    source: "internal_note",
    title: titleFrom(rest),
    body: rest.slice(0, 5000),
    evidence: [clean.slice(0, 1000)],
  };
}
