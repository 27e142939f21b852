import type { SurveyQuestion } from "../../db/schema/index.ts";
import { escapeHtml as e } from "../email/index.ts";
import { surveyText } from "./delivery.ts";
import { pick, UI_TEXTS } from "./questions.ts";
import type { SurveyRow } from "./surveys.repo.ts";

/**
 * The respondent page: plain server-rendered HTML with no script at all (the app's CSP forbids
 * inline scripts, and a phone on a slow network should not download one), one form that posts
 * back to the same link, native controls with labels, and every text escaped, answers included.
 */
const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f8f9fa;color:#212529;line-height:1.5}
main{max-width:36rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.5rem;margin:0 0 .5rem}
fieldset{border:1px solid #adb5bd;border-radius:.5rem;margin:1rem 0;padding:.75rem 1rem;background:#fff}
legend{font-weight:600;padding:0 .25rem}
.scale{display:flex;flex-wrap:wrap;gap:.375rem}
.scale label{display:inline-flex;align-items:center;justify-content:center;min-width:2.75rem;min-height:2.75rem;border:1px solid #495057;border-radius:.375rem;background:#fff;cursor:pointer}
.scale input{position:absolute;opacity:0;width:1px;height:1px}
.scale input:checked+span{font-weight:700}
.scale label:has(input:checked){background:#1864ab;color:#fff;border-color:#1864ab}
.scale label:has(input:focus-visible){outline:3px solid #f59f00;outline-offset:2px}
.ends{display:flex;justify-content:space-between;font-size:.875rem;color:#495057}
textarea{width:100%;box-sizing:border-box;min-height:6rem;font:inherit;padding:.5rem;border:1px solid #495057;border-radius:.375rem}
button{font:inherit;font-weight:600;padding:.625rem 1.25rem;border:0;border-radius:.375rem;background:#1864ab;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #f59f00;outline-offset:2px}
.notice{padding:.75rem 1rem;border-radius:.375rem;background:#d3f9d8;color:#1b4d24;border:1px solid #2b8a3e}
.error{background:#fff5f5;color:#8a1c1c;border-color:#c92a2a}
`;

function shell(locale: string, title: string, body: string): string {
  return `<!doctype html><html lang="${e(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${e(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

function ratingField(
  q: SurveyQuestion,
  locale: string,
  fallback: string,
  current: unknown,
  name: string,
) {
  const ui = UI_TEXTS[locale] ?? UI_TEXTS.en!;
  const options: string[] = [];
  for (let v = q.min ?? 1; v <= (q.max ?? 5); v++)
    options.push(
      `<label><input type="radio" name="${e(name)}" value="${v}"${current === v ? " checked" : ""}${q.required ? " required" : ""}><span>${v}</span></label>`,
    );
  return `<fieldset><legend>${e(pick(q.texts, locale, fallback))}</legend><div class="scale">${options.join("")}</div><div class="ends" aria-hidden="true"><span>${e(ui.low!)}</span><span>${e(ui.high!)}</span></div></fieldset>`;
}

function choiceField(q: SurveyQuestion, locale: string, fallback: string, current: unknown) {
  const multiple = q.kind === "multiple";
  const chosen = new Set(Array.isArray(current) ? current : [current]);
  const items = (q.options ?? []).map(
    (o) =>
      `<div><label><input type="${multiple ? "checkbox" : "radio"}" name="a.${e(q.id)}" value="${e(o.id)}"${chosen.has(o.id) ? " checked" : ""}> ${e(pick(o.texts, locale, fallback))}</label></div>`,
  );
  return `<fieldset><legend>${e(pick(q.texts, locale, fallback))}</legend>${items.join("")}</fieldset>`;
}

function textField(
  q: SurveyQuestion,
  locale: string,
  fallback: string,
  current: unknown,
  name: string,
) {
  const ui = UI_TEXTS[locale] ?? UI_TEXTS.en!;
  const id = `q-${q.id}`;
  const value = typeof current === "string" ? current : "";
  return `<fieldset><legend><label for="${e(id)}">${e(pick(q.texts, locale, fallback))} <span>(${e(ui.optional!)})</span></label></legend><textarea id="${e(id)}" name="${e(name)}" maxlength="2000">${e(value)}</textarea></fieldset>`;
}

/** The form, filled with the answers given so far (a one-click rating is already checked). */
export function renderSurveyPage(opts: {
  survey: SurveyRow;
  locale: string;
  action: string;
  answers: Record<string, unknown>;
  saved: boolean;
}): string {
  const { survey, locale, answers } = opts;
  const ui = UI_TEXTS[locale] ?? UI_TEXTS.en!;
  const fb = survey.defaultLocale;
  const title = surveyText(survey, locale, "title") ?? ui.title!;
  const rating = survey.questions.find((q) => q.kind === "rating");
  const textQ = survey.questions.find((q) => q.kind === "text");
  const fields = survey.questions.map((q) => {
    if (q === rating) return ratingField(q, locale, fb, answers[q.id], "score");
    if (q === textQ) return textField(q, locale, fb, answers[q.id], "comment");
    if (q.kind === "rating") return ratingField(q, locale, fb, answers[q.id], `a.${q.id}`);
    if (q.kind === "text") return textField(q, locale, fb, answers[q.id], `a.${q.id}`);
    return choiceField(q, locale, fb, answers[q.id]);
  });
  const notice = opts.saved
    ? `<p class="notice" role="status">${e(surveyText(survey, locale, "thanks") ?? ui.thanks!)}</p>`
    : "";
  const body = `<h1>${e(title)}</h1><p>${e(surveyText(survey, locale, "intro") ?? ui.intro!)}</p>${notice}<form method="post" action="${e(opts.action)}">${fields.join("")}<button type="submit">${e(ui.submit!)}</button></form>`;
  return shell(locale, title, body);
}

/** A page for a link that cannot be answered (not valid, expired). */
export function renderProblemPage(locale: string, message: string): string {
  return shell(locale, message, `<h1>${e(message)}</h1>`);
}
