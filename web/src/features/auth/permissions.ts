import type { Role } from "../../lib/types";

/** Who sees what. Mirrors the server's role checks; the server stays the authority (403 FORBIDDEN). */
export const CAN_VIEW_DASHBOARD: readonly Role[] = ["admin", "leader", "qa", "exec"];
export const CAN_VIEW_PEOPLE: readonly Role[] = ["admin", "leader"];
export const CAN_EDIT_PEOPLE: readonly Role[] = ["admin"];
export const CAN_MANAGE_API_KEYS: readonly Role[] = ["admin"];

export function hasRole(role: Role, allowed: readonly Role[]): boolean {
  return allowed.includes(role);
}

/**
 * Where a user lands after login when no `next` was asked for: the dashboard for those who see it,
 * else (agents) their own page: scorecard, goals, coaching, kudos and open pulse surveys.
 */
export function homePathFor(role: Role): string {
  return hasRole(role, CAN_VIEW_DASHBOARD) ? "/dashboard" : "/me";
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  leader: "Team leader",
  qa: "QA analyst",
  agent: "Agent",
  exec: "Executive",
};

/** Redaction settings: leaders may read them, only admins change them (GET/PUT /settings/redaction). */
export const CAN_VIEW_REDACTION: readonly Role[] = ["admin", "leader"];
export const CAN_EDIT_REDACTION: readonly Role[] = ["admin"];
/** Mailboxes and webhook sources hold credentials: admin only. */
export const CAN_MANAGE_CHANNELS: readonly Role[] = ["admin"];
/** Exporting and erasing a customer's data (data-subject requests): admin only. */
export const CAN_MANAGE_CUSTOMER_DATA: readonly Role[] = ["admin"];
/** Whole-instance backup: admins see the page; the server allows only the instance operator. */
export const CAN_MANAGE_BACKUP: readonly Role[] = ["admin"];
/** Surveys: everyone who reads reports sees them; admins create and change them. */
export const CAN_VIEW_SURVEYS: readonly Role[] = ["admin", "leader", "qa", "exec"];
export const CAN_MANAGE_SURVEYS: readonly Role[] = ["admin"];
export const CAN_VIEW_PULSE_RESULTS: readonly Role[] = ["admin", "leader", "exec"];
/** Follow-ups are closed by team leads (and admins), as the server allows. */
export const CAN_CLOSE_FOLLOW_UPS: readonly Role[] = ["admin", "leader"];
/** Cases: everyone sees them; the executives' queue and case reports are for the people above agents. */
export const CAN_VIEW_EXEC_QUEUE: readonly Role[] = ["admin", "leader", "exec"];
export const CAN_VIEW_CASE_REPORTS: readonly Role[] = ["admin", "leader", "qa", "exec"];
export const CAN_MANAGE_SLA: readonly Role[] = ["admin"];

/** Contact reasons and fixes (insights): leaders and executives, and QA and admins. */
export const CAN_VIEW_INSIGHTS: readonly Role[] = ["admin", "leader", "qa", "exec"];
/** Renaming, merging and splitting reasons, and registering, correcting or deleting fixes. */
export const CAN_EDIT_INSIGHTS: readonly Role[] = ["admin", "leader"];
/** The chat inbox is for the people who answer chats; the handoff report for those above them. */
export const CAN_ANSWER_CHATS: readonly Role[] = ["admin", "leader", "agent"];
export const CAN_VIEW_HANDOFF_QUALITY: readonly Role[] = ["admin", "leader", "qa", "exec"];
export const CAN_VIEW_WIDGET_SETTINGS: readonly Role[] = ["admin", "leader"];
