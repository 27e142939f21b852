/**
 * Accessibility checks for the browser journeys: runs axe-core (the npm package, pinned) inside the page with
 * the WCAG 2.0 and 2.1 level A and AA rules, and fails with a readable list of what is wrong. What is checked
 * and every known exception are described in docs/accessibility.md.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults, Result, RunOptions } from "axe-core";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
// Injected with page.evaluate (DevTools protocol), which the app's Content-Security-Policy
// (script-src 'self') does not block, unlike an inline <script> tag.
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** WCAG 2.0 and 2.1, levels A and AA: the bar the app is held to. */
export const WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] as const;

/**
 * A known failure that the app cannot fix (third-party markup), excused for the elements matching
 * `selector` only: the same rule still runs everywhere else on the page. Each is documented with its reason
 * in docs/accessibility.md.
 */
export interface AxeException {
  rule: string;
  selector: string;
  reason: string;
}

export interface AxeCheckOptions {
  /** Only check inside this CSS selector (e.g. an open dialog); the whole document by default. */
  include?: string;
  /** Excused failures; never used for the app's own pages. */
  exceptions?: readonly AxeException[];
}

// The server-side tsconfig has no DOM library, so the few browser globals used inside page.evaluate are
// described here.
interface InPageElement {
  closest(selector: string): unknown;
}
interface InPageGlobals {
  axe?: { run(context: unknown, options: RunOptions): Promise<AxeResults> };
  document: { getAnimations(): { playState: string }[] };
}

/** Waits until no CSS transition or animation is running: a half-faded dialog fails contrast by design. */
async function waitForStillPage(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      (globalThis as unknown as InPageGlobals).document
        .getAnimations()
        .every((a) => a.playState !== "running"),
    undefined,
    { timeout: 10_000 },
  );
}

/** Runs axe in the page and returns the WCAG A/AA violations that are not excused. */
export async function findAxeViolations(
  page: Page,
  options: AxeCheckOptions = {},
): Promise<Result[]> {
  await waitForStillPage(page);
  const loaded = await page.evaluate(
    () => (globalThis as unknown as InPageGlobals).axe !== undefined,
  );
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const exceptions = (options.exceptions ?? []).map(({ rule, selector }) => ({ rule, selector }));
  return page.evaluate(
    async ({ include, tags, exceptions }) => {
      const { axe, document } = globalThis as unknown as InPageGlobals;
      if (!axe) throw new Error("axe-core did not load in the page");
      const outcome = await axe.run(include ?? document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
        elementRef: true,
      });
      return outcome.violations
        .map((v) => ({
          ...v,
          // Element references cannot leave the page; the CSS target path stays.
          nodes: v.nodes
            // Inline on purpose: a named helper here would be rewritten by tsx (esbuild keepNames) into
            // a call to a __name function that does not exist in the page.
            .filter(
              (n) =>
                !exceptions.some(
                  (e) =>
                    e.rule === v.id &&
                    n.element !== undefined &&
                    (n.element as unknown as InPageElement).closest(e.selector) !== null,
                ),
            )
            .map(({ element: _element, ...n }) => n),
        }))
        .filter((v) => v.nodes.length > 0);
    },
    { include: options.include, tags: [...WCAG_AA_TAGS], exceptions },
  );
}

/** One line per failing node: rule, where, and what axe says is wrong. */
export function formatAxeViolations(violations: readonly Result[]): string {
  const lines: string[] = [];
  for (const v of violations) {
    lines.push(`${v.id} (${v.impact ?? "?"}): ${v.help} — ${v.nodes.length} node(s) ${v.helpUrl}`);
    for (const node of v.nodes.slice(0, 10)) {
      const summary = (node.failureSummary ?? "").replace(/\s+/g, " ").trim();
      lines.push(`  ${node.target.join(" ")}: ${summary}`);
    }
    if (v.nodes.length > 10) lines.push(`  … and ${v.nodes.length - 10} more`);
  }
  return lines.join("\n");
}

/**
 * Fails when the page (or the part named by `include`) has any WCAG 2.0/2.1 A or AA violation. `where` names
 * the page or dialog in the failure message.
 */
export async function expectNoAxeViolations(
  page: Page,
  where: string,
  options: AxeCheckOptions = {},
): Promise<void> {
  const violations = await findAxeViolations(page, options);
  if (violations.length > 0) {
    throw new Error(
      `Accessibility violations on ${where} (${page.url()}):\n${formatAxeViolations(violations)}`,
    );
  }
}
