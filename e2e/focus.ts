/**
 * Keyboard-journey helpers: where focus is, and whether a sighted keyboard user can see it (WCAG 2.4.7).
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";

export interface FocusedElement {
  /** Lower-case tag name, e.g. "input", "a", "main". */
  tag: string;
  id: string;
  /** The href attribute of a link, else null. */
  href: string | null;
  /** aria-label, else the associated <label> text, else the text content (trimmed, first 80 characters). */
  name: string;
  /** The browser's own verdict: the element matches :focus-visible. */
  focusVisible: boolean;
  /**
   * A visible indicator is drawn: an outline at least 1px wide, a box shadow, or (Mantine inputs, which draw
   * no outline) a border in the theme's primary colour on it or its wrapper.
   */
  indicator: boolean;
}

// The server-side tsconfig has no DOM library: the browser objects used below, described structurally.
interface InPageStyle {
  outlineStyle: string;
  outlineWidth: string;
  boxShadow: string;
  borderTopColor: string;
  color: string;
}
interface InPageElement {
  tagName: string;
  id: string;
  textContent: string | null;
  labels?: ArrayLike<{ textContent: string | null }> | null;
  style: { color: string };
  parentElement: InPageElement | null;
  getAttribute(name: string): string | null;
  matches(selector: string): boolean;
  remove(): void;
}
interface InPageGlobals {
  document: {
    getAnimations(): { playState: string }[];
    activeElement: InPageElement | null;
    body: InPageElement & { append(child: InPageElement): void };
    createElement(tag: string): InPageElement;
  };
  getComputedStyle(element: InPageElement): InPageStyle;
}

/** The focused element, or null when focus is on the page body. */
export async function describeFocus(page: Page): Promise<FocusedElement | null> {
  // Mantine fades focus borders in: judge the indicator once transitions have ended.
  await page.waitForFunction(
    () =>
      (globalThis as unknown as InPageGlobals).document
        .getAnimations()
        .every((a) => a.playState !== "running"),
    undefined,
    { timeout: 10_000 },
  );
  return page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as InPageGlobals;
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const probe = document.createElement("span");
    probe.style.color = "var(--mantine-primary-color-filled)";
    document.body.append(probe);
    const primary = getComputedStyle(probe).color;
    probe.remove();
    const label = el.labels?.[0]?.textContent ?? null;
    const name = (el.getAttribute("aria-label") ?? label ?? el.textContent ?? "")
      .trim()
      .slice(0, 80);
    const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1;
    const shadowed = style.boxShadow !== "none";
    // A password input's border belongs to its wrapper, one level up.
    const bordered = [el, el.parentElement].some(
      (e) => e !== null && getComputedStyle(e).borderTopColor === primary,
    );
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      href: el.getAttribute("href"),
      name,
      focusVisible: el.matches(":focus-visible"),
      indicator: outlined || shadowed || bordered,
    };
  });
}

/**
 * Presses Tab (Shift+Tab when `backwards`) until `matches` accepts the focused element, at most `maxPresses`
 * times; returns it. Fails with the path taken, so a broken tab order reads as one.
 */
export async function tabUntil(
  page: Page,
  matches: (focused: FocusedElement) => boolean,
  { maxPresses = 40, backwards = false }: { maxPresses?: number; backwards?: boolean } = {},
): Promise<FocusedElement> {
  const path: string[] = [];
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    const focused = await describeFocus(page);
    if (focused && matches(focused)) return focused;
    path.push(focused ? `${focused.tag} "${focused.name}"` : "(body)");
  }
  throw new Error(`Tab never reached the expected element. Focus went: ${path.join(" → ")}`);
}

/** Focus is on something, and a sighted keyboard user can see where. */
export function expectVisibleFocus(focused: FocusedElement | null): void {
  expect(focused, "something has focus").not.toBeNull();
  expect(focused?.focusVisible, `focus on ${focused?.name} matches :focus-visible`).toBe(true);
  expect(focused?.indicator, `focus on ${focused?.name} draws an indicator`).toBe(true);
}

/**
 * Waits for `url`; when it does not come, fails with where the page is and what has focus (this step
 * failed intermittently in CI with only a timeout to go on).
 */
export async function waitForUrlOrExplain(page: Page, url: RegExp): Promise<void> {
  try {
    await page.waitForURL(url, { timeout: 30_000 });
  } catch (error) {
    const focus = await describeFocus(page).catch(() => null);
    const moves = await page
      .evaluate(() => (globalThis as { __navigations?: string[] }).__navigations ?? [])
      .catch(() => []);
    throw new Error(
      `expected ${url}; the page is at ${page.url()} with focus on ${JSON.stringify(focus)}; ` +
        `the app moved: ${moves.join(" → ") || "(not recorded)"}`,
      { cause: error },
    );
  }
}

/**
 * Records each in-app move (history.pushState/replaceState, with its state) for waitForUrlOrExplain, so a
 * wrong destination says how the app got there.
 */
export async function recordNavigations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = globalThis as unknown as {
      __navigations: string[];
      history: Record<"pushState" | "replaceState", (s: unknown, t: string, u?: string) => void>;
    };
    w.__navigations = [];
    for (const kind of ["pushState", "replaceState"] as const) {
      const original = w.history[kind].bind(w.history);
      w.history[kind] = (state, title, url) => {
        w.__navigations.push(`${kind} ${String(url)} ${JSON.stringify(state)}`);
        original(state, title, url);
      };
    }
  });
}

/** A new page put focus at the start of its content. */
export async function expectFocusOnMain(page: Page): Promise<void> {
  await expect.poll(async () => (await describeFocus(page))?.id, { timeout: 10_000 }).toBe("main");
}
