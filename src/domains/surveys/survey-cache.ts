import type { Db } from "../../db/client.ts";
import * as responsesRepo from "./responses.repo.ts";
import type { SurveyRow } from "./surveys.repo.ts";

/** Definitions kept per database handle; past this, the least recently used ones are dropped. */
const MAX_SURVEYS = 1_000;

/**
 * Survey definitions for the respondent endpoint, by organization and id, each kept with the row
 * version (`xmin`) it was read at. The invitation lookup returns the survey's current version, so
 * an edited survey (in any process: the version is the database's) is read again on its next
 * answer and a stale definition is never used; decoding the definition (its questions as JSON)
 * for every answer was part of the endpoint's CPU.
 */
export class SurveyCache {
  private readonly entries = new Map<string, { version: string; survey: SurveyRow }>();

  constructor(private readonly db: Db) {}

  /**
   * The definitions of `wanted` (`orgId`, `id` and the version the invitation lookup saw), in
   * order; one query reads all that are missing or stale. `undefined` for a survey that is gone.
   */
  async resolve(
    wanted: readonly { orgId: string; id: string; version: string }[],
  ): Promise<(SurveyRow | undefined)[]> {
    const missing = new Map<string, { orgId: string; id: string }>();
    for (const w of wanted) {
      const key = `${w.orgId}:${w.id}`;
      if (this.entries.get(key)?.version !== w.version) missing.set(key, w);
    }
    if (missing.size > 0) {
      const found = await responsesRepo.findSurveys(this.db, [...missing.values()]);
      for (const [key, row] of found) this.remember(key, row);
    }
    return wanted.map((w) => {
      const key = `${w.orgId}:${w.id}`;
      const entry = this.entries.get(key);
      if (!entry) return undefined;
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.survey;
    });
  }

  private remember(key: string, entry: { version: string; survey: SurveyRow }) {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > MAX_SURVEYS) this.entries.delete(this.entries.keys().next().value!);
  }
}

const caches = new WeakMap<Db, SurveyCache>();

/** One cache per database handle (tests open many databases with the same ids). */
export function surveyCacheOf(db: Db): SurveyCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new SurveyCache(db)));
  return cache;
}

/**
 * Past this many surveys an organization's answers are not checked against each of its surveys
 * before the invitation is read (`orgSurveysOf`): they take the two-statement way.
 */
export const MAX_CANDIDATE_SURVEYS = 8;
/** Organizations kept per database handle; past this, the least recently used are dropped. */
const MAX_ORGS = 1_000;

export type VersionedSurvey = { version: string; survey: SurveyRow };

/**
 * Every survey definition of an organization, with the row version each was read at, so that an
 * answer can be checked before its invitation names its survey (the link names only the
 * organization and the invitation): each answer is checked against each of them and the write
 * keeps only the one its invitation names at that version (`answerResponses`). An organization
 * is read again once an invitation shows a survey or version it does not hold (`confirm`).
 */
export class OrgSurveyCache {
  private readonly entries = new Map<string, VersionedSurvey[]>();

  constructor(private readonly db: Db) {}

  /**
   * The surveys of each of `orgIds` (one query reads those not held), or none for one with more
   * than `MAX_CANDIDATE_SURVEYS`.
   */
  async candidatesOf(orgIds: Iterable<string>): Promise<Map<string, readonly VersionedSurvey[]>> {
    const wanted = new Set(orgIds);
    const missing = [...wanted].filter((id) => !this.entries.has(id));
    if (missing.length > 0) {
      const byOrg = new Map<string, VersionedSurvey[]>(missing.map((id) => [id, []]));
      for (const row of await responsesRepo.findSurveysOfOrgs(this.db, missing))
        byOrg.get(row.survey.orgId)!.push(row);
      for (const [orgId, surveys] of byOrg) this.entries.set(orgId, surveys);
      for (const orgId of this.entries.keys()) {
        if (this.entries.size <= MAX_ORGS) break;
        this.entries.delete(orgId);
      }
    }
    const out = new Map<string, readonly VersionedSurvey[]>();
    for (const orgId of wanted) {
      const surveys = this.entries.get(orgId);
      if (!surveys) continue;
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(orgId);
      this.entries.set(orgId, surveys);
      if (surveys.length <= MAX_CANDIDATE_SURVEYS) out.set(orgId, surveys);
    }
    return out;
  }

  /** Forgets the organization if it holds no survey `surveyId` at `version` (new or edited). */
  confirm(orgId: string, surveyId: string, version: string) {
    const surveys = this.entries.get(orgId);
    if (surveys && !surveys.some((s) => s.survey.id === surveyId && s.version === version))
      this.entries.delete(orgId);
  }
}

const orgCaches = new WeakMap<Db, OrgSurveyCache>();

/** One cache per database handle. */
export function orgSurveysOf(db: Db): OrgSurveyCache {
  let cache = orgCaches.get(db);
  if (!cache) orgCaches.set(db, (cache = new OrgSurveyCache(db)));
  return cache;
}
