import { expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg } from "../../../test/factories.ts";
import { findOrgSettings, mergeOrgSetting, setOrgSetting } from "./orgs.repo.ts";

describeEachBackend("merging into one key of an organization's settings", ({ database }) => {
  it("keeps the key's other fields and the other keys", async () => {
    const db = database().db;
    const { orgId } = await buildOrg(db);
    await setOrgSetting(db, orgId, "qa", { agreementThreshold: 0.8, claimLapseHours: 24 });
    await setOrgSetting(db, orgId, "retention", { days: 30 });
    await mergeOrgSetting(db, orgId, "qa", { claimLapseHours: null });
    const settings = await findOrgSettings(db, orgId);
    expect(settings?.qa).toEqual({ agreementThreshold: 0.8, claimLapseHours: null });
    expect(settings?.retention).toEqual({ days: 30 });
  });

  it("starts from {} when the key is missing or not an object", async () => {
    const db = database().db;
    const { orgId } = await buildOrg(db);
    await mergeOrgSetting(db, orgId, "qa", { claimLapseHours: 8 });
    expect((await findOrgSettings(db, orgId))?.qa).toEqual({ claimLapseHours: 8 });
    await setOrgSetting(db, orgId, "qa", [1, 2]);
    await mergeOrgSetting(db, orgId, "qa", { claimLapseHours: 4 });
    expect((await findOrgSettings(db, orgId))?.qa).toEqual({ claimLapseHours: 4 });
  });

  it("lands every one of many concurrent merges of different fields", async () => {
    const db = database().db;
    const { orgId } = await buildOrg(db);
    const fields = Array.from({ length: 12 }, (_, i) => `f${i}`);
    await Promise.all(fields.map((f, i) => mergeOrgSetting(db, orgId, "qa", { [f]: i })));
    expect((await findOrgSettings(db, orgId))?.qa).toEqual(
      Object.fromEntries(fields.map((f, i) => [f, i])),
    );
  });
});
