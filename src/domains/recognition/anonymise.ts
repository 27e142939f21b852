import { redactText, type RedactionSettings } from "../conversations/index.ts";

/** Every detector on, whatever the org stores at ingest: a published story is read by everyone. */
const ALL_ON: RedactionSettings = {
  enabled: true,
  cards: true,
  cvv: true,
  iban: true,
  nationalIds: true,
  emails: true,
  phones: true,
};

export const CUSTOMER_PLACEHOLDER = "[CUSTOMER]";

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Anonymises a story for the whole company: the repo's PII redaction with every detector on, then
 * the customer's names (full name and each part of three letters or more) replaced, whole words
 * only and case-insensitively. Returns the text and how many replacements were made.
 */
export function anonymiseStory(
  text: string,
  customerNames: readonly string[],
): { text: string; replacements: number } {
  const redacted = redactText(text, ALL_ON);
  let out = redacted.text;
  let replacements = redacted.total;
  const parts = new Set<string>();
  for (const name of customerNames) {
    const trimmed = name.trim();
    if (trimmed.length >= 3) parts.add(trimmed);
    for (const part of trimmed.split(/\s+/)) if (part.length >= 3) parts.add(part);
  }
  // Longest first, so "Casey Customer" goes before "Casey".
  for (const part of [...parts].sort((a, b) => b.length - a.length)) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(part)}(?![\\p{L}\\p{N}])`, "giu");
    out = out.replace(re, () => {
      replacements += 1;
      return CUSTOMER_PLACEHOLDER;
    });
  }
  return { text: out, replacements };
}
