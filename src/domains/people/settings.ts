import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import { findOrgSettings, setOrgSetting } from "../orgs/index.ts";
import { DEFAULT_WEIGHTS, METRIC_KEYS, type MetricKey } from "./metrics.ts";

const SETTINGS_KEY = "people";

const WeightsSchema = z.partialRecord(z.enum(METRIC_KEYS), z.number().min(0).max(1));

export const PeopleSettingsSchema = z.strictObject({
  /** Weights of the overall score per role; each role's weights add up to 1. `default` always exists. */
  weights: z
    .record(z.string().trim().min(1).max(60), WeightsSchema)
    .default({ default: DEFAULT_WEIGHTS }),
  /** Which role each team's agents have; teams not listed use `default`. */
  teamRoles: z.record(z.uuid(), z.string().trim().min(1).max(60)).default({}),
  /** Agents may see other agents' individual figures (team scorecards). Off by default. */
  agentsSeeOthers: z.boolean().default(false),
  /** The leaderboard (adjusted values, rank ranges) is shown. Off by default. */
  leaderboards: z.boolean().default(false),
});
export type PeopleSettings = z.infer<typeof PeopleSettingsSchema>;

/** The org's people settings, defaults filled in (a broken stored value reads as the defaults). */
export async function readPeopleSettings(db: Db, orgId: string): Promise<PeopleSettings> {
  const stored = (await findOrgSettings(db, orgId))?.[SETTINGS_KEY] ?? {};
  const parsed = PeopleSettingsSchema.safeParse(stored);
  const settings = parsed.success ? parsed.data : PeopleSettingsSchema.parse({});
  if (!settings.weights.default) settings.weights.default = DEFAULT_WEIGHTS;
  return settings;
}

/** Checks that every role's weights add up to 1 (within rounding) and stores the settings. */
export async function writePeopleSettings(
  db: Db,
  orgId: string,
  settings: PeopleSettings,
): Promise<PeopleSettings> {
  const weights = { default: DEFAULT_WEIGHTS, ...settings.weights };
  for (const [role, w] of Object.entries(weights)) {
    const total = Object.values(w).reduce((a: number, b) => a + (b ?? 0), 0);
    if (Math.abs(total - 1) > 1e-6) {
      throw new AppError("VALIDATION_FAILED", {
        message: `The weights of role '${role}' add up to ${total.toFixed(4)}, not 1`,
        details: [{ path: `weights.${role}`, message: "must add up to 1" }],
      });
    }
  }
  const out = { ...settings, weights };
  await setOrgSetting(db, orgId, SETTINGS_KEY, out);
  return out;
}

/** The weights that apply to an agent of this team. */
export function weightsFor(settings: PeopleSettings, teamId: string | null) {
  const role = (teamId && settings.teamRoles[teamId]) || "default";
  const w = settings.weights[role] ?? settings.weights.default ?? DEFAULT_WEIGHTS;
  return { role, weights: w as Partial<Record<MetricKey, number>> };
}
