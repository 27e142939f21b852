import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { CHANNELS, type Channel } from "../../lib/types";

/** The list's state lives in the URL query so a filtered, paged view is a shareable link. */
export interface ConversationFilters {
  channel: Channel | null;
  teamId: string | null;
  agentId: string | null;
  /** Local calendar days, "YYYY-MM-DD". */
  from: string | null;
  to: string | null;
  cursor: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isChannel(value: string | null): value is Channel {
  return value !== null && (CHANNELS as readonly string[]).includes(value);
}

export function useConversationFilters() {
  const [params, setParams] = useSearchParams();

  const filters = useMemo<ConversationFilters>(() => {
    const channel = params.get("channel");
    const from = params.get("from");
    const to = params.get("to");
    return {
      channel: isChannel(channel) ? channel : null,
      teamId: params.get("teamId") || null,
      agentId: params.get("agentId") || null,
      from: from && DAY.test(from) ? from : null,
      to: to && DAY.test(to) ? to : null,
      cursor: params.get("cursor") || null,
    };
  }, [params]);

  /** Changing any filter starts again from the first page: a cursor only means something for one filter set. */
  const setFilters = useCallback(
    (patch: Partial<Omit<ConversationFilters, "cursor">>) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
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
      setParams((prev) => {
        const next = new URLSearchParams(prev);
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
  ].filter(Boolean).length;

  return { filters, setFilters, setCursor, clearFilters, activeCount };
}
