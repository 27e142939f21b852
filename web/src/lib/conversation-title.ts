/**
 * What to call a conversation: its subject, else what the customer wrote first (the API's
 * `preview`) on one line, at most `max` characters, else `fallback`. Chats and calls have no
 * subject, and "Chat conversation" says nothing about which one.
 */
export function conversationTitle(
  c: { subject?: string | null; preview?: string | null },
  fallback: string,
  max = 120,
): string {
  const text = (c.subject?.trim() || c.preview || "").replace(/\s+/g, " ").trim();
  if (text === "") return fallback;
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
