import { z } from "@hono/zod-openapi";

const uuid = z.uuid();

export const DEFAULT_PULSE_QUESTION =
  "How likely are you to recommend working here to a friend? (0 = not at all, 10 = extremely)";
/** Results of a group are shown only from this many respondents (issue 9: eNPS privacy). */
export const MIN_GROUP = 5;

export const CreatePulseBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  question: z.string().trim().min(1).max(500).optional(),
  anonymous: z.boolean().default(true),
  teamIds: z.array(uuid).min(1).max(200).optional(),
  closesAt: z.iso.datetime({ offset: true }).optional(),
});
export type CreatePulseBody = z.infer<typeof CreatePulseBodySchema>;

export const PulseAnswerBodySchema = z.strictObject({
  score: z.number().int().min(0).max(10),
  comment: z.string().trim().max(2000).optional(),
});
export type PulseAnswerBody = z.infer<typeof PulseAnswerBodySchema>;

export const ClosePulseBodySchema = z.strictObject({ closed: z.literal(true) });

export const PulseSchema = z
  .object({
    id: uuid,
    name: z.string(),
    question: z.string(),
    anonymous: z.boolean(),
    teamIds: z.array(uuid).nullable(),
    invited: z.number().int(),
    closesAt: z.string().nullable(),
    open: z.boolean(),
    /** Whether the caller (a signed-in user) has answered; null for API keys. */
    answered: z.boolean().nullable(),
    /** Whether the caller is in the audience; null for API keys. */
    forMe: z.boolean().nullable(),
    createdAt: z.string(),
  })
  .openapi("PulseSurvey");
export type Pulse = z.infer<typeof PulseSchema>;
export const PulseListSchema = z.object({ items: z.array(PulseSchema) });

const EnpsSchema = z.object({
  n: z.number().int(),
  enps: z.number().nullable(),
  promoters: z.number().int().nullable(),
  passives: z.number().int().nullable(),
  detractors: z.number().int().nullable(),
});

export const PulseResultsSchema = z
  .object({
    pulseId: uuid,
    invited: z.number().int(),
    respondents: z.number().int(),
    minGroup: z.number().int(),
    /** Null figures when fewer than `minGroup` answered. */
    overall: EnpsSchema,
    groups: z.array(
      EnpsSchema.extend({
        teamId: uuid.nullable(),
        label: z.string(),
        /** Groups too small to show, merged so no group of fewer than `minGroup` can be inferred. */
        merged: z.boolean(),
      }),
    ),
    /** Comments, only when at least `minGroup` answered, without names, times or teams. */
    comments: z.array(z.string()),
  })
  .openapi("PulseResults");
export type PulseResults = z.infer<typeof PulseResultsSchema>;
