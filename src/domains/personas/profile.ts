import { UNCLASSIFIED } from "../promises/index.ts";
import type { CustomerBehaviour } from "./personas.repo.ts";
import { WINDOW_DAYS } from "./constants.ts";

/** What a persona card says, from the members' evidence; stored as `personas.profile`. */
export interface PersonaProfile {
  channelMix: { chat: number; email: number; phone: number; other: number };
  contactsPer30Days: number;
  effort: number | null;
  sentiment: number | null;
  satisfaction: number | null;
  value: number | null;
  needs: { reason: string; share: number }[];
  delights: { label: string; detail: string }[];
  frustrations: { label: string; detail: string }[];
  examples: {
    conversationId: string;
    subject: string | null;
    preview?: string | null;
    channel: string;
    startedAt: string;
  }[];
}

const DELIGHT_SIGNALS: Record<string, string> = { praise: "Praise for the service" };
const FRUSTRATION_SIGNALS: Record<string, string> = {
  complaint: "Complaints",
  repeat_contact: "Having to contact again",
  escalation_request: "Asking for a manager",
  churn_threat: "Threats to leave",
  urgency: "Urgent, time-critical problems",
  legal_threat: "Legal threats",
  abuse: "Abusive exchanges",
};

const r2 = (x: number) => Math.round(x * 100) / 100;
const pct = (x: number) => `${Math.round(x * 100)}%`;

function meanOf(xs: (number | null)[]): number | null {
  const v = xs.filter((x): x is number => x !== null);
  return v.length > 0 ? v.reduce((a, b) => a + b, 0) / v.length : null;
}

function humanise(reason: string) {
  return reason.replace(/[_-]+/g, " ").replace(/\s+/g, " ").trim();
}

/** A name a leader would recognise: mood, frequency, main channel and main need. */
export function nameFor(p: PersonaProfile, all: { contacts: number; sentiment: number | null }) {
  const top = Object.entries(p.channelMix).sort((a, b) => b[1] - a[1])[0]![0];
  // "other" counts social, SMS and any other channel (personas.repo).
  const channel = top === "other" ? "social and SMS" : top;
  const freq =
    p.contactsPer30Days >= all.contacts * 1.5
      ? "Frequent"
      : p.contactsPer30Days <= all.contacts * 0.6
        ? "Occasional"
        : "Regular";
  const mood =
    p.sentiment !== null && all.sentiment !== null
      ? p.sentiment < all.sentiment - 0.1
        ? "Frustrated "
        : p.sentiment > all.sentiment + 0.1
          ? "Contented "
          : ""
      : "";
  const need = p.needs[0] ? ` · ${humanise(p.needs[0].reason)}` : "";
  // Capitalised as the start of the name only: "Contented regular phone customers".
  const name = `${mood}${freq.toLowerCase()} ${channel} customers${need}`;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Example conversations on a card: the closest customers' latest, no two saying the same. */
export const EXAMPLES_PER_PERSONA = 3;

/** `examples` nearest customers first: the card keeps the first EXAMPLES_PER_PERSONA that differ. */
export function buildProfiles(input: {
  rows: CustomerBehaviour[];
  labels: number[];
  k: number;
  reasons: Map<string, Map<string, number>>;
  signalRows: { customer_id: string; signal: string; n: number }[];
  examples: {
    customer_id: string;
    id: string;
    subject: string | null;
    preview: string | null;
    channel: string;
    started_at: Date | string;
  }[];
  members: { customerId: string }[][];
}): (PersonaProfile & { name: string })[] {
  const { rows, labels, k } = input;
  const clusterOf = new Map(rows.map((r, i) => [r.customer_id, labels[i]!]));
  const convs = Array.from({ length: k }, () => 0);
  rows.forEach((r, i) => (convs[labels[i]!]! += r.n));
  const totalConvs = convs.reduce((a, b) => a + b, 0);
  const signalCounts = Array.from({ length: k }, () => new Map<string, number>());
  const overallSignals = new Map<string, number>();
  for (const s of input.signalRows) {
    const c = clusterOf.get(s.customer_id);
    if (c === undefined) continue;
    signalCounts[c]!.set(s.signal, (signalCounts[c]!.get(s.signal) ?? 0) + s.n);
    overallSignals.set(s.signal, (overallSignals.get(s.signal) ?? 0) + s.n);
  }
  const overall = {
    contacts: (totalConvs * 30) / WINDOW_DAYS / Math.max(1, rows.length),
    sentiment: meanOf(rows.map((r) => r.sentiment)),
    effort: meanOf(rows.map((r) => r.effort)),
  };

  return Array.from({ length: k }, (_, c) => {
    const mine = rows.filter((_, i) => labels[i] === c);
    const n = convs[c]! || 1;
    const sum = (f: (r: CustomerBehaviour) => number) => mine.reduce((a, r) => a + f(r), 0);
    const reasonTotals = new Map<string, number>();
    for (const r of mine)
      for (const [reason, count] of input.reasons.get(r.customer_id) ?? [])
        reasonTotals.set(reason, (reasonTotals.get(reason) ?? 0) + count);
    const rate = (signal: string) => (signalCounts[c]!.get(signal) ?? 0) / n;
    const lift = (signal: string) => {
      const base = (overallSignals.get(signal) ?? 0) / Math.max(1, totalConvs);
      return base > 0 ? rate(signal) / base : 0;
    };
    const signalsOf = (table: Record<string, string>, above: number) =>
      Object.entries(table)
        .filter(([s]) => rate(s) > 0 && lift(s) >= above)
        .sort((a, b) => lift(b[0]) - lift(a[0]))
        .slice(0, 3)
        .map(([s, label]) => ({
          label,
          detail: `${pct(rate(s))} of conversations (${r2(lift(s))}× the average)`,
        }));
    const profile: PersonaProfile = {
      channelMix: {
        chat: r2(sum((r) => r.chat) / n),
        email: r2(sum((r) => r.email) / n),
        phone: r2(sum((r) => r.phone) / n),
        other: r2(sum((r) => r.other) / n),
      },
      contactsPer30Days: r2((sum((r) => r.n) * 30) / WINDOW_DAYS / Math.max(1, mine.length)),
      effort: nullableRound(meanOf(mine.map((r) => r.effort))),
      sentiment: nullableRound(meanOf(mine.map((r) => r.sentiment))),
      satisfaction: nullableRound(meanOf(mine.map((r) => r.survey ?? r.predicted))),
      value: nullableRound(meanOf(mine.map((r) => r.value))),
      // "unclassified" is the absence of a reason, not a need.
      needs: [...reasonTotals.entries()]
        .filter(([reason]) => reason !== UNCLASSIFIED)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 3)
        .map(([reason, count]) => ({ reason, share: r2(count / n) })),
      delights: signalsOf(DELIGHT_SIGNALS, 1),
      frustrations: signalsOf(FRUSTRATION_SIGNALS, 1.1),
      examples: [],
    };
    addToneEvidence(profile, overall);
    const ids = new Set(input.members[c]!.map((m) => m.customerId));
    const seen = new Set<string>();
    profile.examples = input.examples
      .filter((e) => {
        const said = (e.preview ?? e.subject ?? e.id).trim().toLowerCase();
        if (!ids.has(e.customer_id) || seen.has(said)) return false;
        seen.add(said);
        return true;
      })
      .slice(0, EXAMPLES_PER_PERSONA)
      .map((e) => ({
        conversationId: e.id,
        subject: e.subject,
        preview: e.preview,
        channel: e.channel,
        startedAt: new Date(e.started_at).toISOString(),
      }));
    return { ...profile, name: nameFor(profile, overall) };
  });
}

function nullableRound(x: number | null) {
  return x === null ? null : r2(x);
}

/** Effort and tone relative to all customers, so every card says something even before signals exist. */
function addToneEvidence(
  p: PersonaProfile,
  all: { effort: number | null; sentiment: number | null; contacts: number },
) {
  if (p.effort !== null && all.effort !== null) {
    const detail = `effort ${p.effort} against ${r2(all.effort)} for all customers`;
    if (p.effort < all.effort - 0.02)
      p.delights.push({ label: "Getting things done with little effort", detail });
    else if (p.effort > all.effort + 0.02)
      p.frustrations.push({ label: "High effort to get help", detail });
  }
  if (p.sentiment !== null && all.sentiment !== null) {
    const detail = `sentiment ${p.sentiment} against ${r2(all.sentiment)} for all customers`;
    if (p.sentiment > all.sentiment + 0.05)
      p.delights.push({ label: "A positive tone in conversations", detail });
    else if (p.sentiment < all.sentiment - 0.05)
      p.frustrations.push({ label: "A negative tone in conversations", detail });
  }
  if (p.contactsPer30Days > all.contacts * 1.5)
    p.frustrations.push({
      label: "Needing to get in touch often",
      detail: `${p.contactsPer30Days} contacts a month against ${r2(all.contacts)} for all customers`,
    });
}
