import { CHANNELS, SENTIMENTS, type Channel, type SentimentLabel } from "../../lib/types";
import { ApiError } from "../../lib/api";
import { isSignalName, type SignalName } from "./signals";

/** The list's state lives in the URL query so a filtered, paged view is a shareable link. */
export interface ConversationFilters {
  channel: Channel | null;
  teamId: string | null;
  agentId: string | null;
  /** Local calendar days, "YYYY-MM-DD". */
  from: string | null;
  to: string | null;
  /** Full-text search, PostgreSQL websearch syntax: words, "phrases", -exclude, or. */
  q: string | null;
  sentiment: SentimentLabel | null;
  signal: SignalName | null;
  /** Predicted satisfaction bounds, 1–5, kept as strings as they sit in the URL. */
  minSatisfaction: string | null;
  maxSatisfaction: string | null;
  /** Contact reason id (insights). */
  reasonId: string | null;
  cursor: string | null;
}

export const SATISFACTION_MIN = 1;
export const SATISFACTION_MAX = 5;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isSentiment(value: string | null): value is SentimentLabel {
  return value !== null && (SENTIMENTS as readonly string[]).includes(value);
}

function readSatisfaction(value: string | null): string | null {
  if (!value) return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= SATISFACTION_MIN && n <= SATISFACTION_MAX ? String(n) : null;
}

function isChannel(value: string | null): value is Channel {
  return value !== null && (CHANNELS as readonly string[]).includes(value);
}

/** The filters a list URL's query names; values that are malformed or unknown read as no filter. */
export function readFilters(params: URLSearchParams): ConversationFilters {
  const channel = params.get("channel");
  const from = params.get("from");
  const to = params.get("to");
  const sentiment = params.get("sentiment");
  const signal = params.get("signal");
  return {
    channel: isChannel(channel) ? channel : null,
    teamId: params.get("teamId") || null,
    agentId: params.get("agentId") || null,
    from: from && DAY.test(from) ? from : null,
    to: to && DAY.test(to) ? to : null,
    q: params.get("q")?.trim() || null,
    sentiment: isSentiment(sentiment) ? sentiment : null,
    signal: isSignalName(signal) ? signal : null,
    minSatisfaction: readSatisfaction(params.get("minSatisfaction")),
    maxSatisfaction: readSatisfaction(params.get("maxSatisfaction")),
    reasonId: UUID.test(params.get("reasonId") ?? "") ? params.get("reasonId") : null,
    cursor: params.get("cursor") || null,
  };
}

export type FilterPatch = Partial<Omit<ConversationFilters, "cursor">>;

/**
 * `params` with `patch` applied (an empty value removes its key) and the cursor dropped: a cursor only
 * means something for one filter set, so changing any filter starts again from the first page. Keys
 * the patch does not name are kept as they are.
 */
export function patchFilterParams(params: URLSearchParams, patch: FilterPatch): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(patch)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  next.delete("cursor");
  return next;
}

/** How many filters are set; the satisfaction range counts once whichever bound is set. */
export function countActiveFilters(filters: ConversationFilters): number {
  return [
    filters.channel,
    filters.teamId,
    filters.agentId,
    filters.from,
    filters.to,
    filters.q,
    filters.sentiment,
    filters.signal,
    filters.minSatisfaction ?? filters.maxSatisfaction,
    filters.reasonId,
  ].filter(Boolean).length;
}

/**
 * Whether the list refused the page's cursor: a link kept from before an upgrade changed the
 * cursor's form, or one edited by hand. The page then starts again from the newest conversations.
 */
export function refusedCursor(error: unknown): boolean {
  return (
    error instanceof ApiError && error.status === 400 && error.message.startsWith("query.cursor")
  );
}
