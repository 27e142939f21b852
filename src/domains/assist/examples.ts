/**
 * Best practices assist cites: for what the conversation needs now (an alert, a framing nudge), a
 * colleague's curated conversation on the scorecard criterion that looks at the same signal.
 */
import type { BestPracticeItem } from "../recognition/index.ts";
import { ALERT_SIGNALS, type Alert } from "./alerts.ts";

/** Examples shown at once: one or two are read during a call, more are not. */
export const EXAMPLES_SHOWN = 2;

export interface CitableItem {
  item: BestPracticeItem;
  signals: readonly string[];
}

export interface Example {
  id: string;
  criterionKey: string;
  criterionName: string;
  conversationId: string;
  note: string;
  excerpt: string;
  /** The alert or nudge signal this example answers. */
  because: string;
}

/**
 * Picks, in the order of the alerts (heaviest first, as listed) and then the nudges, the best
 * library item (the list comes best first) whose criterion looks at a signal behind it; one per
 * criterion, at most EXAMPLES_SHOWN.
 */
export function citeExamples(
  alerts: readonly Pick<Alert, "name">[],
  nudges: readonly { signal: string }[],
  practices: readonly CitableItem[],
): Example[] {
  const needs = [
    ...alerts.map((a) => ({ because: a.name as string, signals: ALERT_SIGNALS[a.name] })),
    ...nudges.map((n) => ({ because: n.signal, signals: [n.signal] })),
  ];
  const out: Example[] = [];
  const cited = new Set<string>();
  for (const need of needs) {
    if (out.length >= EXAMPLES_SHOWN) break;
    const hit = practices.find(
      (p) => !cited.has(p.item.criterionKey) && p.signals.some((s) => need.signals.includes(s)),
    );
    if (!hit) continue;
    cited.add(hit.item.criterionKey);
    const { id, criterionKey, criterionName, conversationId, note, excerpt } = hit.item;
    out.push({
      id,
      criterionKey,
      criterionName,
      conversationId,
      note,
      excerpt,
      because: need.because,
    });
  }
  return out;
}
