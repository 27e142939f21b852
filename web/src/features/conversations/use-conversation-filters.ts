import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { CHANNELS, SENTIMENTS, type Channel, type SentimentLabel } from "../../lib/types";
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
  cursor: string | null;
}

export const SATISFACTION_MIN = 1;
export const SATISFACTION_MAX = 5;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

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

/**
 * The live URL, not the hook's snapshot: react-router's functional update hands over the search params of the
 * last render, so a second change made before React re-rendered (a fast user, a busy machine) would drop the
 * first one.
 */
function currentParams(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}

export function useConversationFilters() {
  const [params, setParams] = useSearchParams();

  const filters = useMemo<ConversationFilters>(() => {
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
      cursor: params.get("cursor") || null,
    };
  }, [params]);

  /** Changing any filter starts again from the first page: a cursor only means something for one filter set. */
  const setFilters = useCallback(
    (patch: Partial<Omit<ConversationFilters, "cursor">>) => {
      setParams(() => {
        const next = currentParams();
        for (const [key, value] of Object.entries(patch)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        next.delete("cursor");
        return next;
      });
    },
    [setParams],
  );

  const setCursor = useCallback(
    (cursor: string | null) => {
      setParams(() => {
        const next = currentParams();
        if (cursor) next.set("cursor", cursor);
        else next.delete("cursor");
        return next;
      });
    },
    [setParams],
  );

  const clearFilters = useCallback(() => setParams(new URLSearchParams()), [setParams]);

  const activeCount = [
    filters.channel,
    filters.teamId,
    filters.agentId,
    filters.from,
    filters.to,
    filters.q,
    filters.sentiment,
    filters.signal,
    filters.minSatisfaction ?? filters.maxSatisfaction,
  ].filter(Boolean).length;

  return { filters, setFilters, setCursor, clearFilters, activeCount };
}
