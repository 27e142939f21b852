import type { MessageAnalysis } from "../../lib/types";
import { signalRank } from "./signals";

/** A stretch of message text the engine pointed at. Offsets are UTF-16 code units into `message.text`. */
export type Mark =
  | { type: "signal"; start: number; end: number; name: string; score: number; due?: string }
  | { type: "term"; start: number; end: number; text: string; weight: number }
  | { type: "redacted"; start: number; end: number; kind: string };

const PLACEHOLDER = /\[(CARD|CVV|IBAN|NATIONAL_ID|EMAIL|PHONE)\]/g;

/** Where redaction replaced personal data with a placeholder such as "[CARD]". */
export function placeholderMarks(text: string): Mark[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({
    type: "redacted",
    start: m.index,
    end: m.index + m[0].length,
    kind: m[1] ?? "",
  }));
}

const TYPE_ORDER: Record<Mark["type"], number> = { signal: 0, term: 1, redacted: 2 };

/** A run of text covered by the same set of marks; `marks` is empty for plain text. */
export interface Segment {
  start: number;
  end: number;
  text: string;
  marks: Mark[];
}

/** Signal evidence (always) and sentiment terms (when asked), clamped to the text, empty spans dropped. */
export function collectMarks(
  analysis: MessageAnalysis | null,
  textLength: number,
  withTerms: boolean,
): Mark[] {
  if (!analysis) return [];
  const marks: Mark[] = [];
  const clamp = (n: number) => Math.min(textLength, Math.max(0, Math.trunc(n)));
  for (const signal of analysis.signals ?? []) {
    for (const ev of signal.evidence ?? []) {
      const start = clamp(ev.start);
      const end = clamp(ev.end);
      if (start >= end) continue;
      marks.push({
        type: "signal",
        start,
        end,
        name: signal.name,
        score: signal.score,
        ...(signal.due ? { due: signal.due } : {}),
      });
    }
  }
  if (withTerms) {
    for (const term of analysis.sentiment.terms ?? []) {
      const start = clamp(term.start);
      const end = clamp(term.end);
      if (start >= end || term.weight === 0) continue;
      marks.push({ type: "term", start, end, text: term.text, weight: term.weight });
    }
  }
  return marks;
}

/**
 * Cuts the text at every mark boundary so overlapping and nested marks render as flat, non-overlapping
 * runs, each knowing every mark that covers it. Signals come first in `marks`, riskiest first.
 *
 * @example
 * segmentText("I will cancel", [{ type: "signal", start: 2, end: 13, name: "churn_threat", score: 0.9 }])
 * // → [{ text: "I ", marks: [] }, { text: "will cancel", marks: [churn_threat] }]
 */
export function segmentText(text: string, marks: Mark[]): Segment[] {
  const cuts = new Set<number>([0, text.length]);
  for (const m of marks) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i] ?? 0;
    const end = points[i + 1] ?? start;
    if (end <= start) continue;
    const covering = marks
      .filter((m) => m.start <= start && m.end >= end)
      .sort((a, b) => {
        if (a.type !== b.type) return TYPE_ORDER[a.type] - TYPE_ORDER[b.type];
        if (a.type === "signal" && b.type === "signal")
          return signalRank(a.name) - signalRank(b.name);
        return (
          Math.abs(b.type === "term" ? b.weight : 0) - Math.abs(a.type === "term" ? a.weight : 0)
        );
      });
    // Merge with the previous run when the same marks cover both (fewer DOM nodes, one tooltip).
    const prev = segments.at(-1);
    if (prev && sameMarks(prev.marks, covering)) {
      prev.end = end;
      prev.text = text.slice(prev.start, end);
    } else {
      segments.push({ start, end, text: text.slice(start, end), marks: covering });
    }
  }
  return segments;
}

function sameMarks(a: Mark[], b: Mark[]): boolean {
  return a.length === b.length && a.every((m, i) => m === b[i]);
}

/** "PT24H" → "within 24 h"; an ISO instant → a local date-time; anything else as given. */
export function formatDue(due: string, formatInstant: (iso: string) => string): string {
  const duration = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(due);
  if (duration) {
    const [, d, h, m] = duration;
    const parts = [d && `${d} d`, h && `${h} h`, m && `${m} min`].filter(Boolean);
    return parts.length > 0 ? `within ${parts.join(" ")}` : due;
  }
  const instant = new Date(due);
  return Number.isNaN(instant.getTime()) ? due : `by ${formatInstant(due)}`;
}
