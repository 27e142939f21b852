import { DEFAULT_THEME } from "@mantine/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MIN_TEXT_CONTRAST, contrastRatio, darkenToContrast, lightVariables } from "./theme";

const hexColor = fc
  .tuple(
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
  )
  .map(([r, g, b]) => `#${[r, g, b].map((v) => v.toString(16).padStart(2, "0")).join("")}`);

describe("contrastRatio", () => {
  it("matches the WCAG figures for black, white and Mantine's gray 6", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#ffffff")).toBeCloseTo(1, 5);
    expect(contrastRatio("#868e96", "#ffffff")).toBeCloseTo(3.32, 2);
  });

  it("is symmetric and between 1 and 21", () => {
    fc.assert(
      fc.property(hexColor, hexColor, (a, b) => {
        const ratio = contrastRatio(a, b);
        expect(ratio).toBeCloseTo(contrastRatio(b, a), 10);
        expect(ratio).toBeGreaterThanOrEqual(1);
        expect(ratio).toBeLessThanOrEqual(21.0001);
      }),
    );
  });
});

describe("darkenToContrast", () => {
  it("returns a colour with 4.5:1 against every light background, unchanged when it already has it", () => {
    const lightBackground = hexColor.filter((c) => contrastRatio(c, "#000000") >= 10);
    fc.assert(
      fc.property(
        hexColor,
        fc.array(lightBackground, { minLength: 1, maxLength: 3 }),
        (color, bgs) => {
          const result = darkenToContrast(color, bgs);
          for (const bg of bgs)
            expect(contrastRatio(result, bg)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
          if (bgs.every((bg) => contrastRatio(color, bg) >= MIN_TEXT_CONTRAST))
            expect(result).toBe(color);
        },
      ),
    );
  });
});

describe("lightVariables", () => {
  const colors = DEFAULT_THEME.colors;
  const white = "#ffffff";

  it("gives secondary text, placeholders, errors and links 4.5:1 on white, gray 0 and gray 1", () => {
    for (const name of ["dimmed", "placeholder", "error", "anchor"]) {
      const value = lightVariables[`--mantine-color-${name}`] ?? "";
      for (const bg of [white, colors.gray[0], colors.gray[1]]) {
        expect(contrastRatio(value, bg), `${name} on ${bg}`).toBeGreaterThanOrEqual(
          MIN_TEXT_CONTRAST,
        );
      }
    }
  });

  it("keeps dimmed text lighter than body text: the hierarchy survives", () => {
    const dimmed = lightVariables["--mantine-color-dimmed"] ?? "";
    expect(contrastRatio(dimmed, white)).toBeLessThan(contrastRatio("#000000", white) / 2);
  });

  it("gives every palette colour readable text, outline, filled and light variants", () => {
    for (const [name, shades] of Object.entries(colors)) {
      if (name === "dark") continue;
      const v = (suffix: string) => lightVariables[`--mantine-color-${name}-${suffix}`] ?? "";
      expect(contrastRatio(v("text"), white), `${name} text`).toBeGreaterThanOrEqual(
        MIN_TEXT_CONTRAST,
      );
      expect(contrastRatio(v("outline"), white), `${name} outline`).toBeGreaterThanOrEqual(
        MIN_TEXT_CONTRAST,
      );
      expect(contrastRatio(white, v("filled")), `${name} filled`).toBeGreaterThanOrEqual(
        MIN_TEXT_CONTRAST,
      );
      for (const tint of [shades[0], shades[1], shades[2]]) {
        expect(contrastRatio(v("light-color"), tint), `${name} light`).toBeGreaterThanOrEqual(
          MIN_TEXT_CONTRAST,
        );
      }
    }
  });
});
