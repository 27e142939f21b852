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
