import { z } from "@hono/zod-openapi";

/**
 * What the culture view may show, set by the org and enforced here (not in the browser): a team
 * with fewer agents than `minGroupSize` shows no figures and no evidence; authors' names only when
 * `showAgentNames`; note text only when `showEvidence`.
 */
export const CulturePrivacySchema = z
  .strictObject({
    minGroupSize: z.number().int().min(1).max(100),
    showAgentNames: z.boolean(),
    showEvidence: z.boolean(),
  })
  .openapi("CulturePrivacy");
export type CulturePrivacy = z.infer<typeof CulturePrivacySchema>;
