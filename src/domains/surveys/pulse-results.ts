import type { PulseResults } from "./pulse.schemas.ts";
import { groupBy } from "../../lib/group-by.ts";

export interface PulseAnswer {
  teamId: string | null;
  score: number;
  comment: string | null;
}

type Enps = PulseResults["overall"];

/** eNPS: % promoters (9–10) minus % detractors (0–6); no figures below `minGroup` answers. */
export function enpsOf(scores: readonly number[], minGroup: number): Enps {
  const n = scores.length;
  if (n < minGroup) return { n, enps: null, promoters: null, passives: null, detractors: null };
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return {
    n,
    enps: Math.round(((promoters - detractors) / n) * 1000) / 10,
    promoters,
    passives: n - promoters - detractors,
    detractors,
  };
}

/**
 * Results by team with small-group suppression: a team with fewer than `minGroup` answers is
 * merged into "Other teams", and while that merged group would itself be smaller than `minGroup`
 * (so subtracting the shown teams from the total would reveal it), the smallest shown team joins
 * it. Every group shown therefore has at least `minGroup` answers, and so has every difference.
 */
export function summarisePulse(
  answers: readonly PulseAnswer[],
  teamNames: ReadonlyMap<string, string>,
  minGroup: number,
): Pick<PulseResults, "overall" | "groups" | "comments" | "respondents"> {
  const byTeam = new Map(
    [...groupBy(answers, (a) => a.teamId)].map(([team, rows]) => [team, rows.map((a) => a.score)]),
  );
  const shown = [...byTeam].filter(([, s]) => s.length >= minGroup);
  shown.sort((a, b) => b[1].length - a[1].length || String(a[0]).localeCompare(String(b[0])));
  const hidden = [...byTeam].filter(([, s]) => s.length < minGroup);
  const count = (g: [string | null, number[]][]) => g.reduce((n, [, s]) => n + s.length, 0);
  while (count(hidden) > 0 && count(hidden) < minGroup && shown.length > 0)
    hidden.push(shown.pop()!);
  const overall = enpsOf(
    answers.map((a) => a.score),
    minGroup,
  );
  if (overall.enps === null)
    return { respondents: answers.length, overall, groups: [], comments: [] };
  const groups: PulseResults["groups"] = shown.map(([teamId, scores]) => ({
    teamId,
    label: teamId === null ? "No team" : (teamNames.get(teamId) ?? "Unknown team"),
    merged: false,
    ...enpsOf(scores, minGroup),
  }));
  if (count(hidden) > 0)
    groups.push({
      teamId: null,
      label: shown.length === 0 ? "Everyone" : "Other teams",
      merged: true,
      ...enpsOf(
        hidden.flatMap(([, s]) => s),
        minGroup,
      ),
    });
  // Sorted by text, never by time or team, so a comment cannot be placed.
  const comments = answers.flatMap((a) => (a.comment ? [a.comment] : [])).sort();
  return { respondents: answers.length, overall, groups, comments };
}
