import type * as HtmlToText from "html-to-text";
import { lazyRequire } from "./lazy-require.ts";

const htmlToTextLib = lazyRequire<typeof HtmlToText>("html-to-text");

/**
 * HTML to plain text (an HTML-only email, an imported HTML body): block elements become line
 * breaks, blockquotes `> ` lines, links their text; images are dropped.
 */
export function htmlToText(html: string): string {
  return htmlToTextLib()
    .convert(html, {
      wordwrap: false,
      selectors: [
        { selector: "a", options: { ignoreHref: true } },
        { selector: "img", format: "skip" },
      ],
    })
    .trim();
}
