import type { SurveyQuestion, SurveyType } from "../../db/schema/index.ts";

/** The scale of each standard survey's main question, and which answers count as low. */
export const SCALES: Record<Exclude<SurveyType, "custom">, { min: number; max: number }> = {
  csat: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
  ces: { min: 1, max: 7 },
};

/**
 * Low answers that open a follow-up: CSAT 1–2, NPS detractors 0–6, CES 5–7 (the CES question asks
 * how much effort it took, so high is bad). A custom survey's first rating is read like CSAT: its
 * bottom 40 %.
 */
export function isLowScore(type: SurveyType, score: number, scale: { min: number; max: number }) {
  switch (type) {
    case "csat":
      return score <= 2;
    case "nps":
      return score <= 6;
    case "ces":
      return score >= 5;
    case "custom":
      return score <= scale.min + (scale.max - scale.min) * 0.4;
  }
}

const MAIN_TEXTS: Record<Exclude<SurveyType, "custom">, Record<string, string>> = {
  csat: {
    en: "How satisfied are you with the help you received?",
    fr: "Êtes-vous satisfait de l'aide reçue ?",
  },
  nps: {
    en: "How likely are you to recommend us to a friend or colleague?",
    fr: "Quelle est la probabilité que vous nous recommandiez à un proche ou un collègue ?",
  },
  ces: {
    en: "How much effort did you have to put in to get your request handled? (1 = very little, 7 = a great deal)",
    fr: "Quel effort avez-vous dû fournir pour que votre demande soit traitée ? (1 = très peu, 7 = énormément)",
  },
};

/** The standard questions of a CSAT, NPS or CES survey: the rating, then an optional comment. */
export function defaultQuestions(type: Exclude<SurveyType, "custom">): SurveyQuestion[] {
  return [
    { id: "score", kind: "rating", ...SCALES[type], texts: MAIN_TEXTS[type], required: true },
    {
      id: "comment",
      kind: "text",
      texts: { en: "What is the main reason for your answer?", fr: "Pourquoi cette note ?" },
    },
  ];
}

/** The main question: the first rating. A survey always has one (custom ones are checked). */
export function mainRating(questions: readonly SurveyQuestion[]) {
  const q = questions.find((x) => x.kind === "rating");
  return q ? { id: q.id, min: q.min ?? 1, max: q.max ?? 5 } : null;
}

/** Page chrome per locale; a missing locale falls back to English. */
export const UI_TEXTS: Record<string, Record<string, string>> = {
  en: {
    title: "How did we do?",
    intro: "Your answer goes straight to the team that helped you.",
    thanks: "Thank you: your answer is saved. You can change it until the link expires.",
    submit: "Send my answer",
    optional: "optional",
    saved: "Saved",
    invalid: "This survey link is not valid.",
    expired: "This survey link has expired. Thank you all the same.",
    low: "Lowest",
    high: "Highest",
  },
  fr: {
    title: "Comment nous sommes-nous débrouillés ?",
    intro: "Votre réponse va directement à l'équipe qui vous a aidé.",
    thanks:
      "Merci : votre réponse est enregistrée. Vous pouvez la modifier jusqu'à l'expiration du lien.",
    submit: "Envoyer ma réponse",
    optional: "facultatif",
    saved: "Enregistré",
    invalid: "Ce lien d'enquête n'est pas valide.",
    expired: "Ce lien d'enquête a expiré. Merci quand même.",
    low: "Le plus bas",
    high: "Le plus haut",
  },
};

/** The text of `texts` in `locale`, else its language, else `fallback`, else English, else any. */
export function pick(texts: Record<string, string>, locale: string, fallback = "en"): string {
  return (
    texts[locale] ??
    texts[locale.slice(0, 2)] ??
    texts[fallback] ??
    texts.en ??
    Object.values(texts)[0] ??
    ""
  );
}

/** The best locale for a request: `?lang=`, then Accept-Language, then the survey's default. */
export function chooseLocale(
  available: readonly string[],
  requested: string | undefined,
  acceptLanguage: string | undefined,
  fallback: string,
): string {
  const wanted = [
    requested,
    ...(acceptLanguage ?? "").split(",").map((part) => part.split(";")[0]?.trim()),
  ];
  for (const w of wanted) {
    if (!w) continue;
    const hit = available.find((a) => a === w) ?? available.find((a) => a === w.slice(0, 2));
    if (hit) return hit;
  }
  return fallback;
}
