import type { Db } from "../../db/client.ts";
import type { Principal } from "../../lib/principal.ts";
import { mergeOrgSetting, recordAudit } from "../orgs/index.ts";
import { DEFAULT_AGREEMENT_THRESHOLD } from "./agreement.ts";
import { findAgreementThreshold } from "./evaluations.repo.ts";
import type { QaSettingsBody } from "./qa.schemas.ts";
import { findClaimLapseSetting } from "./queue.repo.ts";

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
    // Merged in SQL: a concurrent save of another QA setting is not overwritten with what was read.
    await mergeOrgSetting(tx, principal.orgId, "qa", body);
    const target = { type: "organization", id: principal.orgId };
    await recordAudit(tx, principal.orgId, principal, "qa.settings.updated", target, body);
  });
  return getQaSettings(db, principal.orgId);
}
