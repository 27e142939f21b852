import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import { findOrgSettings, setOrgSetting } from "../orgs/index.ts";
import { findTeam } from "./widget.repo.ts";
import { WidgetSettingsSchema, type WidgetSettings } from "./widget.schemas.ts";

/** Key of the widget's settings in `organizations.settings`. */
const SETTINGS_KEY = "widget";

/** The organization's widget settings, defaults filled in (a widget is off until an admin turns it on). */
export async function getWidgetSettings(db: Db, orgId: string): Promise<WidgetSettings> {
  const settings = await findOrgSettings(db, orgId);
  const parsed = WidgetSettingsSchema.safeParse(settings?.[SETTINGS_KEY] ?? {});
  return parsed.success ? parsed.data : WidgetSettingsSchema.parse({});
}

export async function setWidgetSettings(
  db: Db,
  orgId: string,
  body: WidgetSettings,
): Promise<WidgetSettings> {
  if (body.teamId && !(await findTeam(db, orgId, body.teamId)))
    throw new AppError("TEAM_NOT_FOUND", { message: "body.teamId: no such team" });
  const value = { ...body, allowedOrigins: [...new Set(body.allowedOrigins)] };
  await setOrgSetting(db, orgId, SETTINGS_KEY, value);
  return value;
}

/** Whether a page at `origin` may run this organization's widget. */
export function originAllowed(settings: WidgetSettings, origin: string | undefined): boolean {
  return settings.enabled && origin !== undefined && settings.allowedOrigins.includes(origin);
}
