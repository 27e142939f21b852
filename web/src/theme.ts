import {
  Badge,
  DEFAULT_THEME,
  Menu,
  Modal,
  Select,
  createTheme,
  darken,
  luminance,
  type CSSVariablesResolver,
  type MantineColorsTuple,
} from "@mantine/core";

/**
 * The app's Mantine theme, tuned for WCAG 2.1 AA contrast (docs/accessibility.md).
 *
 * Mantine's default palette puts secondary text (`c="dimmed"`, gray 6: 3.3:1 on white), filled buttons
 * (white on indigo 6: 4.3:1), outline and light badges (e.g. teal 9 on teal 1: 4.3:1) below the 4.5:1 that
 * WCAG 1.4.3 asks of normal-size text. Rather than patch components one by one, the CSS variables those
 * components read are recomputed here: each starts from Mantine's own shade and is darkened in small steps
 * only until it reaches 4.5:1 against every background it is drawn on. Colours that already pass keep
 * Mantine's value, and the ones that change move as little as possible, so the visual hierarchy (black body
 * text, grey secondary text, tinted badges) stays as designed.
 *
 * Only the light colour scheme is tuned: the app does not offer a dark scheme.
 */

/** WCAG 1.4.3 minimum for normal-size text. */
export const MIN_TEXT_CONTRAST = 4.5;

const WHITE = "#ffffff";
const PRIMARY_COLOR = "indigo";

/** The WCAG contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * `color`, darkened in 2 % steps until it has at least `min` contrast against each of `backgrounds`
 * (returned unchanged when it already has).
 */
export function darkenToContrast(
  color: string,
  backgrounds: readonly string[],
  min = MIN_TEXT_CONTRAST,
): string {
  const passes = (c: string) => backgrounds.every((bg) => contrastRatio(c, bg) >= min);
  if (passes(color)) return color;
  for (let amount = 0.02; amount < 1; amount += 0.02) {
    const darker = darken(color, amount);
    if (passes(darker)) return darker;
  }
  return "#000000";
}

const colors = DEFAULT_THEME.colors;
const gray = colors.gray;

/** Text, outline, filled and light-variant colours for one palette colour, in the light scheme. */
function accessibleColorVariables(
  name: string,
  shades: MantineColorsTuple,
): Record<string, string> {
  // Text and outlines sit on the page (white), a gray-0 surface or a hovered table row (gray-1); filled
  // backgrounds carry white text.
  const onPage = darkenToContrast(shades[6], [WHITE, gray[0], gray[1]]);
  const filled = darkenToContrast(shades[6], [WHITE]);
  // Light variants (badges, alerts, active nav links) put shade 9 text on a shade 1 tint, shade 2 on hover.
  const lightColor = darkenToContrast(shades[9], [shades[0], shades[1], shades[2]]);
  return {
    [`--mantine-color-${name}-text`]: onPage,
    [`--mantine-color-${name}-outline`]: onPage,
    [`--mantine-color-${name}-filled`]: filled,
    [`--mantine-color-${name}-filled-hover`]: darken(filled, 0.1),
    [`--mantine-color-${name}-light-color`]: lightColor,
  };
}

function buildLightVariables(): Record<string, string> {
  // Secondary text must pass on white, on gray-0 surfaces and on gray-1 (table row hover).
  const dimmed = darkenToContrast(gray[6], [WHITE, gray[0], gray[1]]);
  const variables: Record<string, string> = {
    "--mantine-color-dimmed": dimmed,
    // Placeholders are text too (WCAG 1.4.3); they share the secondary-text colour.
    "--mantine-color-placeholder": dimmed,
    "--mantine-color-error": darkenToContrast(colors.red[6], [WHITE, gray[0], gray[1]]),
    "--mantine-color-anchor": darkenToContrast(colors[PRIMARY_COLOR][6], [WHITE, gray[0], gray[1]]),
  };
  for (const [name, shades] of Object.entries(colors)) {
    if (name === "dark") continue;
    Object.assign(variables, accessibleColorVariables(name, shades));
  }
  return variables;
}

/** The light scheme's contrast-checked variables, exported for the theme's test. */
export const lightVariables = buildLightVariables();

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: lightVariables,
  dark: {},
});

export const theme = createTheme({
  primaryColor: PRIMARY_COLOR,
  defaultRadius: "md",
  fontFamily:
    "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  components: {
    // Badges hold short labels (channel, status, scope): never let a table column squeeze them to "PHO…".
    Badge: Badge.extend({ styles: { root: { minWidth: "max-content" } } }),
    // Mantine's default focus placeholder is a tabindex element inside role="menu", which only menu items
    // may be (axe aria-required-children); without it, opening the menu focuses its first item.
    Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false } }),
    // A long option list scrolls inside Mantine's ScrollArea, a scrolling region nested in the listbox that
    // a keyboard cannot focus (axe scrollable-region-focusable; arrow keys do reach every option). Let the
    // listbox itself scroll: a combobox popup may, since focus stays in the input.
    Select: Select.extend({
      defaultProps: { withScrollArea: false },
      styles: { options: { maxHeight: 220, overflowY: "auto" } },
    }),
    // The close button is an icon: give it a name (axe button-name).
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { "aria-label": "Close" } } }),
  },
});
