import { processSecretBox } from "../../lib/secret-box.ts";
import { escapeHtml, smtpConfigFromUrl, type SmtpConfig } from "../email/index.ts";
import { mainRating, pick, UI_TEXTS } from "./questions.ts";
import type { SurveyRow } from "./surveys.repo.ts";
import { createSurveyToken } from "./tokens.ts";

/**
 * Where respondent links point and how invitations leave: read from the environment that
 * `src/env.ts` validated at start (RAPPORT_PUBLIC_URL, RAPPORT_SMTP_URL), the same way for the API
 * and for workers. Tests override it with `setDeliveryConfig`.
 */
export interface DeliveryConfig {
  /** RAPPORT_PUBLIC_URL; null when unset (API answers then use the request's origin). */
  publicUrl: string | null;
  smtp: SmtpConfig | null;
  linkKey: Buffer;
}

let config: DeliveryConfig | undefined;

export function deliveryConfig(): DeliveryConfig {
  config ??= {
    publicUrl: process.env.RAPPORT_PUBLIC_URL?.replace(/\/+$/, "") || null,
    smtp: smtpConfigFromUrl(process.env.RAPPORT_SMTP_URL || undefined),
    linkKey: processSecretBox().derivedKey("survey-links"),
  };
  return config;
}

/** For tests: replace parts of the configuration (undefined resets it to the environment's). */
export function setDeliveryConfig(over: Partial<DeliveryConfig> | undefined): void {
  config = over ? { ...deliveryConfig(), ...over } : undefined;
}

/** Where links point: the public URL, else the caller's origin, else this server on localhost. */
export function linkBase(requestOrigin?: string): string {
  return (
    deliveryConfig().publicUrl ?? requestOrigin ?? `http://localhost:${process.env.PORT || "3000"}`
  );
}

export function tokenFor(orgId: string, invitationId: string, expiresAt: Date): string {
  return createSurveyToken(deliveryConfig().linkKey, { orgId, invitationId, expiresAt });
}

/** The respondent page of a token, under `base` (see `linkBase`). */
export function surveyUrl(token: string, base = linkBase()): string {
  return `${base}/s/${token}`;
}

export function ratingOptions(survey: SurveyRow, url: string) {
  const rating = mainRating(survey.questions);
  if (!rating) return [];
  const out: { label: string; value: number; url: string }[] = [];
  for (let v = rating.min; v <= rating.max; v++)
    out.push({ label: String(v), value: v, url: `${url}?score=${v}` });
  return out;
}

/** What a chat platform shows in the conversation: the question and one button per rating. */
export function chatPrompt(survey: SurveyRow, url: string, locale: string) {
  const main = survey.questions.find((q) => q.kind === "rating");
  return {
    text: main ? pick(main.texts, locale, survey.defaultLocale) : survey.name,
    url,
    options: ratingOptions(survey, url),
  };
}

/** The invitation email: the question, one-click rating links (each records at once), the page. */
export function invitationEmail(survey: SurveyRow, url: string, locale: string) {
  const main = survey.questions.find((q) => q.kind === "rating");
  const ui = UI_TEXTS[locale] ?? UI_TEXTS.en!;
  const title = surveyText(survey, locale, "title") ?? ui.title!;
  const question = main ? pick(main.texts, locale, survey.defaultLocale) : title;
  const options = ratingOptions(survey, url);
  const text = [
    question,
    "",
    ...options.map((o) => `${o.label}: ${o.url}`),
    "",
    `${ui.intro} ${url}`,
  ].join("\n");
  const links = options
    .map(
      (o) =>
        `<a href="${escapeHtml(o.url)}" style="display:inline-block;padding:8px 12px;margin:2px;border:1px solid #1c7ed6;border-radius:4px;color:#1864ab;text-decoration:none">${escapeHtml(o.label)}</a>`,
    )
    .join(" ");
  const html = `<p>${escapeHtml(question)}</p><p>${links}</p><p><a href="${escapeHtml(url)}">${escapeHtml(ui.intro!)}</a></p>`;
  return { subject: title, text, html };
}

/** A survey's own page text (title, intro, thanks) in `locale`, else its default locale. */
export function surveyText(survey: SurveyRow, locale: string, key: string): string | undefined {
  return survey.texts[locale]?.[key] ?? survey.texts[survey.defaultLocale]?.[key];
}
