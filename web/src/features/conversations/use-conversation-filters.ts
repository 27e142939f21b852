import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import {
  countActiveFilters,
  patchFilterParams,
  readFilters,
  type FilterPatch,
} from "./conversation-filters";

/**
 * The live URL, not the hook's snapshot: react-router's functional update hands over the search params of the
 * last render, so a second change made before React re-rendered (a fast user, a busy machine) would drop the
 * first one.
 */
function currentParams(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}

/** The conversation list's filters, kept in the URL query (see conversation-filters.ts). */
export function useConversationFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);

  const setFilters = useCallback(
    (patch: FilterPatch) => setParams(() => patchFilterParams(currentParams(), patch)),
    [setParams],
  );

  const setCursor = useCallback(
    /** `replace`: instead of the current history entry (a refused cursor is not worth going back to). */
    (cursor: string | null, { replace = false } = {}) => {
      setParams(
        () => {
          const next = currentParams();
          if (cursor) next.set("cursor", cursor);
          else next.delete("cursor");
          return next;
        },
        { replace },
      );
    },
    [setParams],
  );

  const clearFilters = useCallback(() => setParams(new URLSearchParams()), [setParams]);

  return { filters, setFilters, setCursor, clearFilters, activeCount: countActiveFilters(filters) };
}
