import type { CaseSeverity, CaseStatus } from "../../db/schema/index.ts";

/**
 * The case status workflow. Waiting statuses pause the SLA clocks; resolved and closed stop them;
 * reopening resumes the resolution clock where it stopped.
 */
const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ["in_progress", "waiting_on_customer", "waiting_on_third_party", "resolved", "closed"],
  in_progress: ["waiting_on_customer", "waiting_on_third_party", "resolved"],
  waiting_on_customer: ["in_progress", "waiting_on_third_party", "resolved"],
  waiting_on_third_party: ["in_progress", "waiting_on_customer", "resolved"],
  resolved: ["closed", "reopened"],
  closed: ["reopened"],
  reopened: ["in_progress", "waiting_on_customer", "waiting_on_third_party", "resolved"],
};

export function allowedTransitions(from: CaseStatus): readonly CaseStatus[] {
  return NEXT[from];
}

export function statusChangeAllowed(from: CaseStatus, to: CaseStatus): boolean {
  return NEXT[from].includes(to);
}

const SEVERE: ReadonlySet<CaseSeverity> = new Set(["high", "critical"]);

/** Closing a severe or breached case asks for a lessons-learned review first. */
export function reviewRequired(c: { severity: CaseSeverity; breachedAt: Date | null }): boolean {
  return SEVERE.has(c.severity) || c.breachedAt !== null;
}
