import { z } from "@hono/zod-openapi";

/** The service levels a contract can state; each is a percentage (0–100). */
export const VENDOR_METRICS = [
  "answer_within",
  "abandonment",
  "qa_score",
  "satisfaction",
  "fcr",
] as const;
export type VendorMetric = (typeof VENDOR_METRICS)[number];

export const METRIC_INFO: Record<
  VendorMetric,
  { label: string; direction: "higher" | "lower"; rapport: boolean }
> = {
  answer_within: {
    label: "Calls answered within the threshold (%)",
    direction: "higher",
    rapport: false,
  },
  abandonment: { label: "Calls abandoned (%)", direction: "lower", rapport: false },
  qa_score: { label: "QA score (0–100)", direction: "higher", rapport: true },
  satisfaction: { label: "CSAT: answers of 4–5 (%)", direction: "higher", rapport: true },
  fcr: { label: "First-contact resolution (%)", direction: "higher", rapport: true },
};

const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month as YYYY-MM")
  .refine((m) => Number(m.slice(0, 4)) >= 1900, "a month from the year 1900 on")
  .openapi({ example: "2026-11" });

export const VendorBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  teamIds: z.array(z.uuid()).max(50).default([]),
});
export const VendorPatchSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  teamIds: z.array(z.uuid()).max(50).optional(),
});

const Percent = z.number().min(0).max(100);
export const CreditBandSchema = z
  .strictObject({
    from: Percent.openapi({
      description: "Shortfall above this (exclusive), in the metric's units",
    }),
    to: Percent.nullable().openapi({ description: "…up to this (inclusive); null: no upper end" }),
    creditPercent: Percent.openapi({ description: "Credit owed, percent of the monthly fee" }),
  })
  .refine((b) => b.to === null || b.to > b.from, { message: "to must be above from" });

export const ServiceLevelSchema = z
  .strictObject({
    metric: z.enum(VENDOR_METRICS),
    target: Percent,
    /** For answer_within: the N in "answered within N seconds". */
    thresholdSeconds: z.int().min(1).max(3600).optional(),
    bands: z.array(CreditBandSchema).min(1).max(10),
  })
  .refine((l) => l.metric !== "answer_within" || l.thresholdSeconds !== undefined, {
    message: "answer_within needs thresholdSeconds",
    path: ["thresholdSeconds"],
  });
export type ServiceLevel = z.infer<typeof ServiceLevelSchema>;

export const ContractBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    startsOn: Month,
    endsOn: Month.nullable().default(null),
    monthlyFee: z.number().min(0).max(1e10),
    currency: z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code"),
    capPercent: Percent.default(20),
    serviceLevels: z.array(ServiceLevelSchema).min(1).max(10),
  })
  .refine((c) => c.endsOn === null || c.endsOn >= c.startsOn, {
    message: "endsOn must not be before startsOn",
    path: ["endsOn"],
  })
  .refine((c) => new Set(c.serviceLevels.map((l) => l.metric)).size === c.serviceLevels.length, {
    message: "one service level per metric",
    path: ["serviceLevels"],
  })
  .openapi("VendorContractBody");
export type ContractBody = z.infer<typeof ContractBodySchema>;

export const ContractSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    startsOn: z.string(),
    endsOn: z.string().nullable(),
    monthlyFee: z.number(),
    currency: z.string(),
    capPercent: z.number(),
    serviceLevels: z.array(
      z.object({
        metric: z.enum(VENDOR_METRICS),
        target: z.number(),
        thresholdSeconds: z.int().optional(),
        bands: z.array(
          z.object({ from: z.number(), to: z.number().nullable(), creditPercent: z.number() }),
        ),
      }),
    ),
  })
  .openapi("VendorContract");

export const VendorSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    teams: z.array(z.object({ id: z.uuid(), name: z.string() })),
    contracts: z.array(ContractSchema),
  })
  .openapi("Vendor");

/** At most this much CSV in one upload: a year of monthly figures is a few kilobytes. */
export const CSV_MAX_CHARS = 512 * 1024;
export const ImportBodySchema = z.strictObject({
  csv: z
    .string()
    .min(1)
    .max(CSV_MAX_CHARS)
    .openapi({
      description:
        "Header `month,metric,value`; month YYYY-MM, metric one of " + VENDOR_METRICS.join(", "),
      example: "month,metric,value\n2026-11,answer_within,78.4\n2026-11,abandonment,6.1",
    }),
});
export const ImportResultSchema = z
  .object({
    imported: z.int(),
    errors: z.array(z.object({ line: z.int(), message: z.string() })),
  })
  .openapi("VendorImportResult");

export const MonthQuerySchema = z.object({ month: Month });

export const LevelResultSchema = z.object({
  metric: z.enum(VENDOR_METRICS),
  label: z.string(),
  direction: z.enum(["higher", "lower"]),
  target: z.number().nullable(),
  actual: z.number().nullable(),
  source: z.enum(["rapport", "import"]).nullable(),
  /** Conversations, evaluations or survey answers behind a Rapport figure. */
  sample: z.int().nullable(),
  met: z.boolean().nullable(),
  shortfall: z.number(),
  creditPercent: z.number(),
  creditAmount: z.number(),
});
export const StatementSchema = z
  .object({
    vendor: z.object({ id: z.uuid(), name: z.string() }),
    month: z.string(),
    conversations: z.int(),
    contract: z
      .object({ id: z.uuid(), name: z.string(), monthlyFee: z.number(), currency: z.string() })
      .nullable(),
    levels: z.array(LevelResultSchema),
    total: z.object({ percent: z.number(), amount: z.number(), capped: z.boolean() }),
  })
  .openapi("VendorStatement");
export const CompareSchema = z
  .object({ month: z.string(), items: z.array(StatementSchema) })
  .openapi("VendorComparison");
