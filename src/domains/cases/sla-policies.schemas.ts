import { z } from "@hono/zod-openapi";
import { CASE_SEVERITIES, CHANNELS } from "../../db/schema/index.ts";
import { REGIMES } from "./regulatory.ts";

const ShiftSchema = z
  .union([
    z.tuple([z.string().max(5), z.string().max(5)]),
    z.tuple([z.string().max(5), z.string().max(5), z.literal("next_day")]),
  ])
  .openapi({
    description:
      '`["09:00","17:00"]`; a shift past midnight is marked: `["22:00","02:00","next_day"]`',
  });
const DayShifts = z.array(ShiftSchema).max(12).optional();

export const HoursSchema = z.strictObject({
  mon: DayShifts,
  tue: DayShifts,
  wed: DayShifts,
  thu: DayShifts,
  fri: DayShifts,
  sat: DayShifts,
  sun: DayShifts,
});

export const RegimeRefSchema = z.strictObject({
  regime: z.enum(REGIMES),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 country code")
    .optional(),
  region: z.string().min(1).max(10).optional(),
  timeZone: z.string().min(1).max(100).optional(),
});

const Terms = z.array(z.string().trim().min(1).max(100)).max(50).optional();
export const PolicyMatchSchema = z.strictObject({
  severities: z.array(z.enum(CASE_SEVERITIES)).max(4).optional(),
  channels: z.array(z.enum(CHANNELS)).max(6).optional(),
  categories: Terms,
  segments: Terms,
});
export type PolicyMatch = z.infer<typeof PolicyMatchSchema>;

const Minutes = z
  .int()
  .min(1)
  .max(366 * 24 * 60);
export const SlaPolicyBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    timeZone: z.string().min(1).max(100),
    hours: HoursSchema,
    holidays: z.array(z.string().max(10)).max(2000).default([]),
    /** iCal feeds of closed dates (http or https), fetched on save and daily. */
    holidayFeeds: z
      .array(z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).max(2000))
      .max(5)
      .default([]),
    holidayRegion: z
      .strictObject({
        country: z.string().regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 country code"),
        region: z.string().min(1).max(10).optional(),
      })
      .nullable()
      .optional(),
    targets: z.strictObject({
      firstResponseMinutes: Minutes,
      resolutionMinutes: Minutes,
      /** Optional: each customer reply after a response is owed the next one within this. */
      nextResponseMinutes: Minutes.optional(),
    }),
    match: PolicyMatchSchema.default({}),
    /** Precedence: lower applies first. Default: after the last policy. */
    position: z.int().min(1).max(1_000_000).optional(),
    regulatory: z.array(RegimeRefSchema).max(3).default([]),
    atRiskPercent: z.int().min(1).max(99).default(75),
  })
  .openapi("SlaPolicyBody");
export type SlaPolicyBody = z.infer<typeof SlaPolicyBodySchema>;

export const SlaPolicyPatchSchema = SlaPolicyBodySchema.partial().openapi("SlaPolicyPatch");
export type SlaPolicyPatch = z.infer<typeof SlaPolicyPatchSchema>;

export const SlaPolicySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    position: z.number().int(),
    timeZone: z.string(),
    hours: z.record(z.string(), z.array(z.array(z.string()))),
    holidays: z.array(z.string()),
    holidayFeeds: z.array(
      z.object({
        url: z.string(),
        holidays: z.array(z.string()),
        refreshedAt: z.string().nullable(),
        error: z.string().nullable(),
      }),
    ),
    holidayRegion: z.object({ country: z.string(), region: z.string().optional() }).nullable(),
    targets: z.object({
      firstResponseMinutes: z.number(),
      resolutionMinutes: z.number(),
      nextResponseMinutes: z.number().optional(),
    }),
    match: z.record(z.string(), z.array(z.string())),
    regulatory: z.array(z.record(z.string(), z.string())),
    atRiskPercent: z.number().int(),
    shadowedBy: z.string().nullable().optional().openapi({
      description:
        "On creation without a position: the earlier policy that matches every case this one would, so it applies to none until moved (null when it applies)",
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("SlaPolicy");
export type SlaPolicy = z.infer<typeof SlaPolicySchema>;

export const PreviewBodySchema = z.strictObject({ openedAt: z.iso.datetime({ offset: true }) });
export const PreviewSchema = z
  .object({
    openedAt: z.string(),
    firstResponseDueAt: z.string(),
    resolutionDueAt: z.string(),
    atRiskAt: z.string(),
    regulatory: z.array(z.object({ key: z.string(), label: z.string(), dueAt: z.string() })),
  })
  .openapi("SlaPreview");

/** A draft policy against real open cases: what each due time would become. */
export const PreviewCasesBodySchema = SlaPolicyBodySchema.extend({
  limit: z.int().min(1).max(200).default(50),
}).openapi("SlaPreviewCasesBody");
export const PreviewCasesSchema = z
  .object({
    items: z.array(
      z.object({
        caseId: z.string(),
        reference: z.string(),
        title: z.string(),
        current: z.object({
          firstResponseDueAt: z.string().nullable(),
          resolutionDueAt: z.string().nullable(),
        }),
        proposed: z.object({
          firstResponseDueAt: z.string().nullable(),
          resolutionDueAt: z.string().nullable(),
          state: z.string(),
        }),
      }),
    ),
  })
  .openapi("SlaPreviewCases");
