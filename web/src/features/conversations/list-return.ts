/**
 * Where "Back to conversations" goes: the list as this tab last showed it (search, filters, page). Kept in
 * sessionStorage rather than in the navigation's state, so it also holds after a reload of the conversation
 * or when the conversation was reached from another page; each tab keeps its own.
 */
const KEY = "rapport.conversations.list-search";

export function rememberListSearch(
  search: string,
  storage: Pick<Storage, "setItem"> = sessionStorage,
): void {
  try {
    storage.setItem(KEY, search);
  } catch {
    // Storage can be full or disabled (private modes); the link then goes to the unfiltered list.
  }
}

export function listReturnPath(storage: Pick<Storage, "getItem"> = sessionStorage): string {
  let search: string | null = null;
  try {
    search = storage.getItem(KEY);
  } catch {
    search = null;
  }
  return `/conversations${search?.startsWith("?") ? search : ""}`;
}
