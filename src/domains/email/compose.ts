/**
 * The body of an email Rapport writes, as plain text and as simple HTML from the same parts, so
 * every mail client shows it well: paragraphs, an optional list (each item optionally a link) and
 * one action (a button in HTML, a line with the address in text).
 */

export interface EmailLink {
  label: string;
  url: string;
}

export interface EmailParts {
  paragraphs: readonly string[];
  items?: readonly { text: string; url?: string | undefined }[];
  /** The one thing the reader is asked to do; without an address, `hint` says where in the app. */
  action?: EmailLink | undefined;
  /** Shown instead of the action when no address is known ("Rapport → Cases"). */
  hint?: string | undefined;
}

export function escapeHtml(s: string): string {
  return s
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/**
 * The app's address for `path` ("/cases/…") from RAPPORT_PUBLIC_URL; undefined when it is not
 * set, since an address guessed from this machine would not open on the reader's.
 */
export function appUrl(path: string): string | undefined {
  const base = process.env.RAPPORT_PUBLIC_URL?.trim().replace(/\/+$/, "");
  return base ? `${base}${path}` : undefined;
}

const BUTTON =
  "display:inline-block;padding:10px 16px;border-radius:4px;background:#1864ab;color:#ffffff;text-decoration:none;font-weight:600";

function htmlParagraph(text: string): string {
  return `<p style="margin:0 0 12px">${escapeHtml(text).replaceAll("\n", "<br>")}</p>`;
}

export function composeEmail(parts: EmailParts): { text: string; html: string } {
  const { paragraphs, items = [], action, hint } = parts;
  const text = [
    ...paragraphs,
    ...(items.length > 0
      ? [items.map((i) => `- ${i.text}${i.url ? `: ${i.url}` : ""}`).join("\n")]
      : []),
    ...(action ? [`${action.label}: ${action.url}`] : hint ? [hint] : []),
  ].join("\n\n");
  const list = items
    .map((i) =>
      i.url
        ? `<li><a href="${escapeHtml(i.url)}">${escapeHtml(i.text)}</a></li>`
        : `<li>${escapeHtml(i.text)}</li>`,
    )
    .join("");
  const html = [
    '<div style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:15px;line-height:1.5;color:#212529;max-width:560px">',
    ...paragraphs.map(htmlParagraph),
    list ? `<ul style="margin:0 0 12px;padding-left:20px">${list}</ul>` : "",
    action
      ? `<p style="margin:16px 0"><a href="${escapeHtml(action.url)}" style="${BUTTON}">${escapeHtml(action.label)}</a></p>`
      : hint
        ? htmlParagraph(hint)
        : "",
    "</div>",
  ].join("");
  return { text: `${text}\n`, html };
}
