import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import { buildProfiles, EXAMPLES_PER_PERSONA, type PersonaProfile } from "./profile.ts";
import { clusterBySilhouette, distance2, standardise, type Vector } from "./kmeans.ts";
import * as repo from "./personas.repo.ts";
import { WINDOW_DAYS } from "./constants.ts";

/** Personas: recomputation from behaviour, and the cards the API serves. */

const DAY_MS = 86_400_000;
/** 4–6 personas: fewer hides real differences, more are not read (and k=2 always wins silhouette on blobs). */
export const K_RANGE = { kMin: 4, kMax: 6 };
/** Below this many customers a clustering says nothing; no personas are produced. */
export const MIN_CUSTOMERS = 30;
const TOP_REASONS = 4;
const SEED = 20_261_205;

/**
 * Feature vector per customer: channel shares, contacts per 30 days (log), shares of the org's top
 * reasons, effort, sentiment, satisfaction (CSAT answer when given, else predicted), and value.
 * Missing values take the org mean so they neither attract nor repel.
 */
function features(
  rows: repo.CustomerBehaviour[],
  reasons: Map<string, Map<string, number>>,
  top: string[],
) {
  const mean = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length > 0 ? v.reduce((a, b) => a + b, 0) / v.length : 0;
  };
  const satisfaction = rows.map((r) => (r.survey ?? r.predicted) as number | null);
  const means = {
    sentiment: mean(rows.map((r) => r.sentiment)),
    effort: mean(rows.map((r) => r.effort)),
    satisfaction: mean(satisfaction),
    value: mean(rows.map((r) => r.value)),
  };
  return rows.map((r, i): Vector => {
    const mine = reasons.get(r.customer_id) ?? new Map<string, number>();
    return [
      r.chat / r.n,
      r.email / r.n,
      r.phone / r.n,
      r.other / r.n,
      Math.log1p((r.n * 30) / WINDOW_DAYS),
      ...top.map((t) => (mine.get(t) ?? 0) / r.n),
      r.effort ?? means.effort,
      r.sentiment ?? means.sentiment,
      satisfaction[i] ?? means.satisfaction,
      Math.log1p(Math.max(0, r.value ?? means.value)),
    ];
  });
}

/** Recomputes the organization's personas from scratch; deterministic for the same data. */
export async function recomputePersonas(db: Db, orgId: string, now = new Date()) {
  const since = new Date(now.getTime() - WINDOW_DAYS * DAY_MS);
  const [rows, reasonRows, signalRows] = await Promise.all([
    repo.findBehaviour(db, orgId, since),
    repo.findReasons(db, orgId, since),
    repo.findSignals(db, orgId, since),
  ]);
  if (rows.length < MIN_CUSTOMERS) {
    await repo.replacePersonas(db, orgId, []);
    return { personas: 0, customers: rows.length };
  }
  const reasons = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  for (const r of reasonRows) {
    if (!reasons.has(r.customer_id)) reasons.set(r.customer_id, new Map());
    reasons.get(r.customer_id)!.set(r.reason, r.n);
    totals.set(r.reason, (totals.get(r.reason) ?? 0) + r.n);
  }
  const top = [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, TOP_REASONS)
    .map(([r]) => r);
  const std = standardise(features(rows, reasons, top));
  const result = clusterBySilhouette(std.rows, { ...K_RANGE, seed: SEED });
  if (!result) return { personas: 0, customers: rows.length };

  const members = result.centres.map((centre, c) =>
    rows
      .map((r, i) => ({ r, i }))
      .filter(({ i }) => result.labels[i] === c)
      .map(({ r, i }) => ({
        customerId: r.customer_id,
        distance: Math.sqrt(distance2(std.rows[i]!, centre)),
      })),
  );
  // More candidates than a card shows: customers close to the centre often wrote the same thing,
  // and the card keeps the first few that differ (buildProfiles).
  const closest = members.flatMap((m) =>
    [...m]
      .sort((a, b) => a.distance - b.distance)
      .slice(0, 4 * EXAMPLES_PER_PERSONA)
      .map((x) => x.customerId),
  );
  const nearness = new Map(closest.map((id, i) => [id, i]));
  const examples = (await repo.findLatestConversations(db, orgId, closest)).sort(
    (a, b) => nearness.get(a.customer_id)! - nearness.get(b.customer_id)!,
  );
  const profiles = buildProfiles({
    rows,
    labels: result.labels,
    k: result.centres.length,
    reasons,
    signalRows,
    examples,
    members,
  });
  const order = profiles.map((_, c) => c).sort((a, b) => members[b]!.length - members[a]!.length);
  await repo.replacePersonas(
    db,
    orgId,
    order.map((c, rank) => ({
      persona: {
        orgId,
        rank,
        name: profiles[c]!.name,
        size: members[c]!.length,
        profile: {
          ...profiles[c]!,
          silhouette: Math.round(result.score * 1000) / 1000,
          k: result.k,
        } as unknown as Record<string, unknown>,
        computedAt: now,
      },
      members: members[c]!,
    })),
  );
  return { personas: order.length, customers: rows.length };
}

function toCard(p: repo.PersonaRow, total: number) {
  const profile = p.profile as unknown as PersonaProfile;
  return {
    id: p.id,
    rank: p.rank,
    name: p.name,
    size: p.size,
    share: total > 0 ? Math.round((p.size / total) * 1000) / 1000 : 0,
    ...profile,
    computedAt: p.computedAt.toISOString(),
  };
}

export async function listPersonaCards(db: Db, orgId: string) {
  const rows = await repo.listPersonas(db, orgId);
  const total = rows.reduce((a, r) => a + r.size, 0);
  return rows.map((r) => toCard(r, total));
}

export async function customerPersona(db: Db, orgId: string, customerId: string) {
  if (!(await repo.customerExists(db, orgId, customerId)))
    throw new AppError("CUSTOMER_NOT_FOUND", { message: "No such customer" });
  const found = await repo.findCustomerPersona(db, orgId, customerId);
  if (!found) throw new AppError("NOT_FOUND", { message: "This customer has no persona yet" });
  const total = (await repo.listPersonas(db, orgId)).reduce((a, r) => a + r.size, 0);
  return {
    customerId,
    distance: Math.round(found.distance * 1000) / 1000,
    persona: toCard(found.persona, total),
  };
}

/** Recomputes every organization whose personas predate its newest analysis (at most hourly). */
export async function recomputeStalePersonas(db: Db, now = new Date()) {
  const orgs = await repo.findStaleOrgs(db, new Date(now.getTime() - 3_600_000));
  for (const orgId of orgs) await recomputePersonas(db, orgId, now);
  return orgs.length;
}
