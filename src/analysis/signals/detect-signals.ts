/**
 * Signal detection for one message: one trie pass per message over the role's compiled cues, then
 * the few rules that need code (complaint probability, jargon acronyms, scripted replies, promise
 * due dates). Cue data is compiled once per engine, when it is built (engine.ts).
 *
 * Cue entries whose name is not a public SignalName are internal flags for the conversation
 * aggregator: "transfer" (agent).
 */
import customerData from "../data/en/signals-customer.json" with { type: "json" };
import agentData from "../data/en/signals-agent.json" with { type: "json" };
import internalData from "../data/en/signals-internal.json" with { type: "json" };
import { COMPLAINT_THRESHOLD } from "../complaint.ts";
import { defaultEngineState, type EngineState } from "../engine.ts";
import type { Token } from "../text/tokenize.ts";
import type { WordTable } from "../text/words.ts";
import {
  AGENT_SIGNALS,
  CUSTOMER_SIGNALS,
  INTERNAL_SIGNALS,
  type Evidence,
  type Role,
  type SentimentTerm,
  type Signal,
  type SignalName,
} from "../types.ts";
import { addAcronymJargon, scoreScripted, sentenceStart } from "./agent-heuristics.ts";
import { combineMatches, type SignalHit } from "./combine.ts";
import {
  compileCues,
  matchCues,
  type CompiledCues,
  type CueCompiler,
  type SignalFileData,
} from "./cues.ts";
import { parseDue } from "./due.ts";
import type { ServiceFailureHit } from "../service-failure.ts";

/** What the rest of the message analysis already knows, passed in so nothing is computed twice. */
export interface SignalContext {
  /** scoreComplaint() probability for a customer message. */
  complaint?: number;
  /** Words the complaint model weighted most (explainComplaint evidence). */
  complaintEvidence?: readonly Evidence[];
  /** Sentiment terms; negative ones back complaint evidence when no cue or model word explains it. */
  terms?: readonly SentimentTerm[];
  /** Reference time (ISO-8601) for promise due dates. */
  ts?: string;
  /**
   * Service-failure constructions of a customer message (ValenceResult.failures): they back the
   * complaint evidence, and a vow not to return ("I will never book with you again") is a
   * churn threat.
   */
  failures?: readonly ServiceFailureHit[];
}

/** Score of a churn threat stated as a vow not to return, as strong as "cancel my account". */
const VOW_CHURN = 0.9;
/** At most this many evidence spans per signal (analysis.md). */
const MAX_EVIDENCE = 5;

function failureEvidence(
  text: string,
  failures: readonly ServiceFailureHit[],
  vowsOnly: boolean,
): Evidence[] {
  const out: Evidence[] = [];
  for (const f of failures) {
    if (vowsOnly && f.kind !== "vow") continue;
    if (out.length >= MAX_EVIDENCE) break;
    out.push({ start: f.start, end: f.end, text: text.slice(f.start, f.end) });
  }
  return out;
}

/** Adds vows to the churn_threat signal (or lists it), keeping the stronger score. */
function addVows(signals: Signal[], vows: Evidence[]): void {
  const existing = signals.find((sig) => sig.name === "churn_threat");
  if (existing === undefined) {
    signals.push({ name: "churn_threat", score: VOW_CHURN, evidence: vows });
    return;
  }
  existing.score = Math.max(existing.score, VOW_CHURN);
  for (const v of vows) {
    if (existing.evidence.length >= MAX_EVIDENCE) break;
    if (!existing.evidence.some((e) => e.start < v.end && v.start < e.end))
      existing.evidence.push(v);
  }
  existing.evidence.sort((a, b) => a.start - b.start);
}

export interface SignalDetection {
  /** Detected signals in canonical order (as listed in types.ts). */
  signals: Signal[];
  /** An agent said they are transferring the customer (feeds conversation effort). */
  transfer: boolean;
}

/** Extra confidence a promise gets when it states when it will be kept. */
const DUE_BOOST = 0.5;

export interface RoleCues {
  compiled: CompiledCues;
  /** compiled index → public signal name (null for internal flags such as "transfer"). */
  names: (SignalName | null)[];
  order: Map<SignalName, number>;
  index: Map<string, number>;
}

function buildRole(
  data: SignalFileData,
  list: readonly SignalName[],
  compiler: CueCompiler,
): RoleCues {
  const compiled = compileCues([data], compiler);
  const known = new Set<string>(list);
  const names = compiled.names.map((n) => (known.has(n) ? (n as SignalName) : null));
  const order = new Map(list.map((n, i) => [n, i]));
  const index = new Map(compiled.names.map((n, i) => [n, i]));
  return { compiled, names, order, index };
}

/** Signal cue data per role: customer, agent (and bot), internal. */
export interface SignalCueSet {
  customer: SignalFileData;
  agent: SignalFileData;
  internal: SignalFileData;
}

/** The cue files shipped in `data/en/`. */
export const BUILT_IN_SIGNAL_CUES: SignalCueSet = {
  customer: customerData as SignalFileData,
  agent: agentData as SignalFileData,
  internal: internalData as SignalFileData,
};

/** One engine's compiled cue tries, per role. */
export interface CompiledRoles {
  customer: RoleCues;
  agent: RoleCues;
  internal: RoleCues;
}

/**
 * Compiles the cue tries of every role (while an engine is built; ~300 ms of CPU that a server
 * start, which may analyse nothing for a while, should not pay at import). Adds cue ids to the
 * records of `words`' lexeme table: clear the word table afterwards.
 */
export function compileRoles(cues: SignalCueSet, words: WordTable): CompiledRoles {
  const compiler: CueCompiler = { words, pieces: new Map() };
  return {
    customer: buildRole(cues.customer, CUSTOMER_SIGNALS, compiler),
    agent: buildRole(cues.agent, AGENT_SIGNALS, compiler),
    internal: buildRole(cues.internal, INTERNAL_SIGNALS, compiler),
  };
}

function cuesFor(roles: CompiledRoles, role: Role): RoleCues {
  switch (role) {
    case "customer":
      return roles.customer;
    case "agent":
    case "bot":
      return roles.agent;
    case "internal":
      return roles.internal;
  }
}

/** Evidence for a complaint the cue list did not explain: the negative sentiment terms, else the text. */
function complaintEvidence(text: string, terms: readonly SentimentTerm[] | undefined): Evidence[] {
  const out: Evidence[] = [];
  for (const t of terms ?? []) {
    if (t.weight >= 0 || out.length >= 5) continue;
    if (t.start < 0 || t.end > text.length || t.start >= t.end) continue;
    out.push({ start: t.start, end: t.end, text: text.slice(t.start, t.end) });
  }
  if (out.length > 0) return out.sort((a, b) => a.start - b.start);
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  return end > start ? [{ start, end, text: text.slice(start, end) }] : [];
}

/**
 * Detects the signals of one message for its role.
 *
 * @param tokens tokenize(text)
 * @param text the message text the tokens came from
 */
export function detectSignals(
  tokens: readonly Token[],
  text: string,
  role: Role,
  ctx: SignalContext = {},
  engine: EngineState = defaultEngineState(),
): SignalDetection {
  const rc = cuesFor(engine.signals, role);
  const hits = combineMatches(text, matchCues(tokens, rc.compiled));
  const signals: Signal[] = [];
  let transfer = false;

  if (role === "agent" || role === "bot") {
    const jargon = rc.index.get("jargon");
    if (jargon !== undefined) {
      const h = addAcronymJargon(tokens, text, hits.get(jargon));
      if (h !== undefined) hits.set(jargon, h);
    }
    const scripted = rc.index.get("scripted_reply");
    if (scripted !== undefined) {
      const h = scoreScripted(tokens, text, hits.get(scripted));
      if (h !== undefined) hits.set(scripted, h);
    }
  }

  for (const [i, hit] of hits) {
    const name = rc.names[i];
    const threshold = rc.compiled.thresholds[i] ?? 0.5;
    if (name === null || name === undefined) {
      const flag = rc.compiled.names[i];
      if (flag === "transfer" && hit.score >= threshold) transfer = true;
      continue;
    }
    if (name === "complaint") continue;
    let due: string | undefined;
    let score = hit.score;
    if (name === "promise") {
      due = parseDue(tokens, sentenceStart(tokens, hit.firstToken), ctx.ts);
      if (due !== undefined) score = 1 - (1 - score) * (1 - DUE_BOOST);
    }
    if (score < threshold || hit.evidence.length === 0) continue;
    const signal: Signal = {
      name,
      score: Math.round(Math.min(1, score) * 10_000) / 10_000,
      evidence: hit.evidence,
    };
    if (due !== undefined) signal.due = due;
    signals.push(signal);
  }

  if (role === "customer" && ctx.complaint !== undefined && ctx.complaint >= COMPLAINT_THRESHOLD) {
    const cueIndex = rc.index.get("complaint");
    const cueHit: SignalHit | undefined = cueIndex === undefined ? undefined : hits.get(cueIndex);
    const modelEvidence = (ctx.complaintEvidence ?? []).filter(
      (e) =>
        e.start >= 0 &&
        e.end <= text.length &&
        e.start < e.end &&
        text.slice(e.start, e.end) === e.text,
    );
    const failures = failureEvidence(text, ctx.failures ?? [], false);
    // A whole construction ("on hold for 2 hours") says more than a cue phrase inside it.
    const evidence =
      failures.length > 0
        ? failures
        : cueHit !== undefined
          ? cueHit.evidence
          : modelEvidence.length > 0
            ? modelEvidence
            : complaintEvidence(text, ctx.terms);
    if (evidence.length > 0)
      signals.push({ name: "complaint", score: Math.min(1, ctx.complaint), evidence });
  }

  if (role === "customer" && ctx.failures !== undefined && ctx.failures.length > 0) {
    const vows = failureEvidence(text, ctx.failures, true);
    if (vows.length > 0) addVows(signals, vows);
  }

  if (signals.length > 1) sortSignals(signals, rc.order);
  return { signals, transfer };
}

/**
 * Canonical order. An insertion sort (stable, like Array.prototype.sort, so the same order): a
 * message has a handful of signals, and this skips a comparator closure and its Map lookups.
 */
function sortSignals(signals: Signal[], order: ReadonlyMap<SignalName, number>): void {
  for (let i = 1; i < signals.length; i++) {
    const s = signals[i] as Signal;
    const rank = order.get(s.name) ?? 0;
    let j = i - 1;
    for (; j >= 0; j--) {
      const prev = signals[j] as Signal;
      if ((order.get(prev.name) ?? 0) <= rank) break;
      signals[j + 1] = prev;
    }
    signals[j + 1] = s;
  }
}
