import type { Db } from "../../db/client.ts";
import type { Principal } from "../../lib/principal.ts";
import { findOrgSettings, recordAudit, setOrgSetting } from "../orgs/index.ts";
import { DEFAULT_AGREEMENT_THRESHOLD } from "./agreement.ts";
import { findAgreementThreshold } from "./evaluations.repo.ts";
import type { QaSettingsBody } from "./qa.schemas.ts";
import { findClaimLapseSetting } from "./queue.repo.ts";

/** settings.qa as stored: an object, or nothing yet. */
async function storedQa(db: Db, orgId: string): Promise<Record<string, unknown>> {
  const qa = (await findOrgSettings(db, orgId))?.qa;
  return qa !== null && typeof qa === "object" && !Array.isArray(qa)
    ? (qa as Record<string, unknown>)
    : {};
}

/**
 * The organization's QA settings: how long a reviewer's own claim lasts (DEFAULT_CLAIM_LAPSE_HOURS
 * until set; 0 or null never lapses; read as the lapse job reads it) and the agreement threshold
 * of evidence-gated automation.
 */
export async function getQaSettings(db: Db, orgId: string) {
  return {
    claimLapseHours: await findClaimLapseSetting(db, orgId),
    agreementThreshold: (await findAgreementThreshold(db, orgId)) ?? DEFAULT_AGREEMENT_THRESHOLD,
  };
}

/**
 * Sets how long claims last, keeping the other QA settings, and writes the change to the audit log.
 * A changed lapse applies to present claims at once (it is counted from when each was taken).
 */
export async function updateQaSettings(db: Db, principal: Principal, body: QaSettingsBody) {
  await db.transaction(async (tx) => {
    // Read and written in one transaction: the only writer of settings.qa is this one.
    const qa = await storedQa(tx, principal.orgId);
    await setOrgSetting(tx, principal.orgId, "qa", { ...qa, ...body });
    const target = { type: "organization", id: principal.orgId };
    await recordAudit(tx, principal.orgId, principal, "qa.settings.updated", target, body);
  });
  return getQaSettings(db, principal.orgId);
}
