import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import type { ContractBody, ServiceLevel } from "./vendors.schemas.ts";
import * as repo from "./vendors.repo.ts";

/** Vendors (outsourced partners), the teams they own, and their contracts. */

function monthStart(month: string) {
  return `${month}-01`;
}

function toContract(c: repo.ContractRow) {
  return {
    id: c.id,
    name: c.name,
    startsOn: c.startsOn.slice(0, 7),
    endsOn: c.endsOn ? c.endsOn.slice(0, 7) : null,
    monthlyFee: c.monthlyFee,
    currency: c.currency,
    capPercent: c.capPercent,
    serviceLevels: c.serviceLevels as unknown as ServiceLevel[],
  };
}

export async function listVendors(db: Db, orgId: string) {
  const [rows, teams, contracts] = await Promise.all([
    repo.listVendors(db, orgId),
    repo.listVendorTeams(db, orgId),
    repo.listContracts(db, orgId),
  ]);
  return rows.map((v) => ({
    id: v.id,
    name: v.name,
    teams: teams.filter((t) => t.vendorId === v.id).map((t) => ({ id: t.id, name: t.name })),
    contracts: contracts.filter((c) => c.vendorId === v.id).map(toContract),
  }));
}

async function getVendorView(db: Db, orgId: string, id: string) {
  const view = (await listVendors(db, orgId)).find((v) => v.id === id);
  if (!view) throw new AppError("NOT_FOUND", { message: "No such vendor" });
  return view;
}

export async function requireVendor(db: Db, orgId: string, id: string) {
  const v = await repo.findVendor(db, orgId, id);
  if (!v) throw new AppError("NOT_FOUND", { message: "No such vendor" });
  return v;
}

/** Teams must exist in this organization and belong to no other vendor. */
async function assignTeams(db: Db, orgId: string, vendorId: string, teamIds: string[]) {
  const unique = [...new Set(teamIds)];
  const found = await repo.findTeams(db, orgId, unique);
  if (found.length !== unique.length)
    throw new AppError("TEAM_NOT_FOUND", { message: "body.teamIds: no such team" });
  const taken = await repo.findOtherOwners(db, orgId, vendorId, unique);
  if (taken.length > 0)
    throw new AppError("CONFLICT", {
      message: "body.teamIds: a team already belongs to another vendor",
      details: { teamIds: taken.map((t) => t.teamId) },
    });
  await repo.replaceVendorTeams(db, orgId, vendorId, unique);
}

export async function createVendor(
  db: Db,
  orgId: string,
  body: { name: string; teamIds: string[] },
) {
  const id = await db.transaction(async (tx) => {
    const row = await repo.insertVendor(tx, orgId, body.name);
    if (!row) throw new AppError("CONFLICT", { message: `vendor "${body.name}" exists` });
    await assignTeams(tx, orgId, row.id, body.teamIds);
    return row.id;
  });
  return getVendorView(db, orgId, id);
}

export async function updateVendor(
  db: Db,
  orgId: string,
  id: string,
  body: { name?: string | undefined; teamIds?: string[] | undefined },
) {
  await requireVendor(db, orgId, id);
  await db.transaction(async (tx) => {
    if (body.name !== undefined) {
      const other = await repo.findVendorByName(tx, orgId, body.name);
      if (other && other.id !== id)
        throw new AppError("CONFLICT", { message: `vendor "${body.name}" exists` });
      await repo.renameVendor(tx, orgId, id, body.name);
    }
    if (body.teamIds !== undefined) await assignTeams(tx, orgId, id, body.teamIds);
  });
  return getVendorView(db, orgId, id);
}

export async function addContract(db: Db, orgId: string, vendorId: string, body: ContractBody) {
  await requireVendor(db, orgId, vendorId);
  const row = await repo.insertContract(db, {
    orgId,
    vendorId,
    name: body.name,
    startsOn: monthStart(body.startsOn),
    endsOn: body.endsOn ? monthStart(body.endsOn) : null,
    monthlyFee: body.monthlyFee,
    currency: body.currency,
    capPercent: body.capPercent,
    serviceLevels: body.serviceLevels as unknown as Record<string, unknown>[],
  });
  return toContract(row);
}
