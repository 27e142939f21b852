import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { z } from "zod";
import { PACKAGE_ROOT } from "../../lib/package-root.ts";

/**
 * The shipped demo text (built by scripts/build-demo-data.ts from public datasets; see
 * demo-data/ATTRIBUTION.md). Read once per process and checked with zod, since it is a file
 * on disk that someone may have regenerated.
 */
export const DEMO_SOURCE_PATH = path.join(PACKAGE_ROOT, "demo-data", "demo-source.json.gz");

const DemoSourceSchema = z.object({
  version: z.literal(1),
  bitext: z.object({
    /** intent → category (lower case), e.g. `cancel_order` → `order`. */
    intents: z.record(z.string(), z.string()),
    /** [customer request, intent, agent reply with {{slot}} markers]. */
    rows: z.array(z.tuple([z.string(), z.string(), z.string()])).min(1),
  }),
  /** [customer query, intent]. */
  banking77: z.array(z.tuple([z.string(), z.string()])).min(1),
  /** Short customer-like lines grouped as thanks, positive, negative, confused, worried. */
  goemotions: z.record(z.string(), z.array(z.string())),
  abcd: z.array(
    z.object({
      id: z.number(),
      flow: z.string(),
      subflow: z.string(),
      customerName: z.string(),
      turns: z.array(z.tuple([z.string(), z.string()])),
    }),
  ),
});

export type DemoSource = z.infer<typeof DemoSourceSchema>;

let cached: DemoSource | undefined;

export function loadDemoSource(file: string = DEMO_SOURCE_PATH): DemoSource {
  if (cached && file === DEMO_SOURCE_PATH) return cached;
  const parsed = DemoSourceSchema.parse(
    JSON.parse(gunzipSync(fs.readFileSync(file)).toString("utf8")),
  );
  if (file === DEMO_SOURCE_PATH) cached = parsed;
  return parsed;
}
