import type { Db } from "../../db/client.ts";
import { perObject } from "../../lib/per-object.ts";
import * as responsesRepo from "./responses.repo.ts";
import type { SurveyRow } from "./surveys.repo.ts";

/** Definitions kept per database handle; past this, the least recently used ones are dropped. */
const MAX_SURVEYS = 1_000;

/** A survey definition and the row version (`xmin`) it was read at. */
export type VersionedSurvey = { version: string; survey: SurveyRow };

/** A map of at most `max` entries that drops the least recently used (a Map keeps insertion order). */
class LruMap<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly max: number) {}

  /** The entry, without counting it as used. */
  peek(key: string): V | undefined {
    return this.map.get(key);
  }

  /** The entry, now the most recently used. */
  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) this.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }

  delete(key: string): void {
    this.map.delete(key);
  }
}

/**
 * Survey definitions for the respondent endpoint, by organization and id, each kept with the row
 * version (`xmin`) it was read at. The invitation lookup returns the survey's current version, so
 * an edited survey (in any process: the version is the database's) is read again on its next
 * answer and a stale definition is never used; decoding the definition (its questions as JSON)
 * for every answer was part of the endpoint's CPU.
 */
export class SurveyCache {
  private readonly entries = new LruMap<VersionedSurvey>(MAX_SURVEYS);

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
      if (this.entries.peek(key)?.version !== w.version) missing.set(key, w);
    }
    if (missing.size > 0) {
      const found = await responsesRepo.findSurveys(this.db, [...missing.values()]);
      for (const [key, row] of found) this.entries.set(key, row);
    }
    return wanted.map((w) => this.entries.get(`${w.orgId}:${w.id}`)?.survey);
  }
}

/** One cache per database handle (tests open many databases with the same ids). */
export const surveyCacheOf = perObject((db: Db) => new SurveyCache(db));

/**
 * Past this many surveys an organization's answers are not checked against each of its surveys
 * before the invitation is read (`orgSurveysOf`): they take the two-statement way.
 */
export const MAX_CANDIDATE_SURVEYS = 8;
/** Organizations kept per database handle; past this, the least recently used are dropped. */
const MAX_ORGS = 1_000;

/**
 * Every survey definition of an organization, with the row version each was read at, so that an
 * answer can be checked before its invitation names its survey (the link names only the
 * organization and the invitation): each answer is checked against each of them and the write
 * keeps only the one its invitation names at that version (`answerResponses`). An organization
 * is read again once an invitation shows a survey or version it does not hold (`confirm`).
 */
export class OrgSurveyCache {
  private readonly entries = new LruMap<VersionedSurvey[]>(MAX_ORGS);

  constructor(private readonly db: Db) {}

  /**
   * The surveys of each of `orgIds` (one query reads those not held), or none for one with more
   * than `MAX_CANDIDATE_SURVEYS`.
   */
  async candidatesOf(orgIds: Iterable<string>): Promise<Map<string, readonly VersionedSurvey[]>> {
    const wanted = new Set(orgIds);
    const missing = [...wanted].filter((id) => this.entries.peek(id) === undefined);
    if (missing.length > 0) {
      const byOrg = new Map<string, VersionedSurvey[]>(missing.map((id) => [id, []]));
      for (const row of await responsesRepo.findSurveysOfOrgs(this.db, missing))
        byOrg.get(row.survey.orgId)!.push(row);
      for (const [orgId, surveys] of byOrg) this.entries.set(orgId, surveys);
    }
    const out = new Map<string, readonly VersionedSurvey[]>();
    for (const orgId of wanted) {
      const surveys = this.entries.get(orgId);
      if (surveys && surveys.length <= MAX_CANDIDATE_SURVEYS) out.set(orgId, surveys);
    }
    return out;
  }

  /** Forgets the organization if it holds no survey `surveyId` at `version` (new or edited). */
  confirm(orgId: string, surveyId: string, version: string) {
    const surveys = this.entries.peek(orgId);
    if (surveys && !surveys.some((s) => s.survey.id === surveyId && s.version === version))
      this.entries.delete(orgId);
  }
}

/** One cache per database handle. */
export const orgSurveysOf = perObject((db: Db) => new OrgSurveyCache(db));
