/**
 * Framing nudges: when the engine finds policy framing, negative framing, jargon or blame shifting
 * in an agent's message, the panel offers a better phrasing from the org's rewrite library, with the
 * principle behind it. Pure: the library is passed in (the org's rows, or the curated defaults).
 */
import type { ConversationAnalysis, MessageInput } from "../../analysis/index.ts";
import { FRAMING_SIGNALS, type FramingSignal } from "../../db/schema/index.ts";

export interface RewritePattern {
  id: string | null;
  signal: FramingSignal;
  phrases: string[];
  suggestion: string;
  principle: string;
}

/** The curated starting library (every org may edit its own copy). */
export const CURATED_REWRITES: Omit<RewritePattern, "id">[] = [
  {
    signal: "policy_framing",
    phrases: ["our policy", "company policy", "the policy"],
    suggestion: "What I can do for you is… (then name the option you can offer).",
    principle: "Lead with what you can do; a rule the customer did not choose sounds like a wall.",
  },
  {
    signal: "policy_framing",
    phrases: [],
    suggestion: "Here is why we do it this way, and here is what I can do today…",
    principle: "Give the reason behind a rule and an alternative, not the rule alone.",
  },
  {
    signal: "negative_framing",
    phrases: ["can't", "cannot", "unable", "not possible", "won't"],
    suggestion: "As soon as … is done, I can … for you.",
    principle: "Say when and how it can happen instead of what cannot.",
  },
  {
    signal: "negative_framing",
    phrases: [],
    suggestion: "Here is what will happen next…",
    principle: "Positive wording keeps the customer looking at the way forward.",
  },
  {
    signal: "jargon",
    phrases: [],
    suggestion: "In other words… (say it the way the customer would).",
    principle: "Use the customer's words; internal terms make them feel outside the process.",
  },
  {
    signal: "blame_shifting",
    phrases: [],
    suggestion: "I'm sorry this happened. Let me take care of it for you.",
    principle:
      "Own the problem on behalf of the company; who caused it matters less than fixing it.",
  },
];

export function curatedLibrary(): RewritePattern[] {
  return CURATED_REWRITES.map((r) => ({ ...r, id: null }));
}

export interface Nudge {
  signal: FramingSignal;
  messageIndex: number;
  /** The words that showed the framing. */
  evidence: string;
  suggestion: string;
  principle: string;
  rewriteId: string | null;
}

const isFraming = (name: string): name is FramingSignal =>
  (FRAMING_SIGNALS as readonly string[]).includes(name);

/**
 * The pattern for one flagged message: the one whose longest phrase appears in it, else the first
 * general pattern (no phrases) of the signal, else the first of the signal.
 */
export function pickRewrite(
  library: readonly RewritePattern[],
  signal: FramingSignal,
  text: string,
): RewritePattern | null {
  const lower = text.toLowerCase().replaceAll("\u2019", "'");
  let best: RewritePattern | null = null;
  let bestLength = 0;
  for (const r of library) {
    if (r.signal !== signal) continue;
    for (const p of r.phrases) {
      if (p.length > bestLength && lower.includes(p)) {
        best = r;
        bestLength = p.length;
      }
    }
  }
  return (
    best ??
    library.find((r) => r.signal === signal && r.phrases.length === 0) ??
    library.find((r) => r.signal === signal) ??
    null
  );
}

/** Nudges for every framing signal on an agent message, one per signal and message. */
export function detectNudges(
  analysis: ConversationAnalysis,
  messages: readonly Pick<MessageInput, "role" | "text">[],
  library: readonly RewritePattern[],
): Nudge[] {
  const out: Nudge[] = [];
  analysis.messages.forEach((m, i) => {
    const message = messages[i];
    if (message?.role !== "agent") return;
    for (const s of m.signals) {
      if (!isFraming(s.name)) continue;
      const rewrite = pickRewrite(library, s.name, message.text);
      if (!rewrite) continue;
      out.push({
        signal: s.name,
        messageIndex: i,
        evidence: s.evidence[0]?.text ?? "",
        suggestion: rewrite.suggestion,
        principle: rewrite.principle,
        rewriteId: rewrite.id,
      });
    }
  });
  return out;
}
