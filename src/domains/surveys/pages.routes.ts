import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../../http/context.ts";
import { AppError, statusOf } from "../../http/errors.ts";
import { clientAddress } from "../../http/client.ts";
import { localRateLimit } from "../../http/rate-limit.middleware.ts";
import { findUnsafeText, UNSAFE_TEXT_MESSAGE } from "../../lib/input-hygiene.ts";
import { LocalThrottle, type ThrottlePolicy } from "../throttle/index.ts";
import * as followUpsRepo from "./follow-ups.repo.ts";
import { renderProblemPage, renderSurveyPage } from "./page.ts";
import { chooseLocale, UI_TEXTS } from "./questions.ts";
import { openInvitation, recordResponse } from "./responses.service.ts";
import { RespondBodySchema, type RespondBody } from "./surveys.schemas.ts";

/**
 * Requests to respondent pages from one client address: 120 free (a respondent needs two or three),
 * then a minute, doubling to 15; forgotten after 10 idle minutes.
 */
export const SURVEY_CLIENT_POLICY: ThrottlePolicy = {
  name: "survey-client",
  freeAttempts: 120,
  baseBlockSeconds: 60,
  maxBlockSeconds: 900,
  forgetAfterSeconds: 600,
};

/** Requests for one respondent link, from anywhere: 30 free, then a minute, doubling to an hour. */
export const SURVEY_LINK_POLICY: ThrottlePolicy = {
  name: "survey-link",
  freeAttempts: 30,
  baseBlockSeconds: 60,
  maxBlockSeconds: 3600,
  forgetAfterSeconds: 3600,
};

/** Respondent text is short; anything bigger than this is refused before parsing. */
export const SURVEY_BODY_LIMIT_BYTES = 16_384;

export const payloadTooLarge = () =>
  new AppError("PAYLOAD_TOO_LARGE", {
    message: `body: larger than ${SURVEY_BODY_LIMIT_BYTES} bytes`,
  });

/** The two abuse limits of the respondent pages, counted once per app for all their routes. */
export interface SurveyThrottles {
  /** Per client address (`SURVEY_CLIENT_POLICY`). */
  client: LocalThrottle;
  /** Per link, subject `link:<token>` (`SURVEY_LINK_POLICY`). */
  link: LocalThrottle;
}

export function createSurveyThrottles(): SurveyThrottles {
  return {
    client: new LocalThrottle(SURVEY_CLIENT_POLICY),
    link: new LocalThrottle(SURVEY_LINK_POLICY),
  };
}

const UI_LOCALES = Object.keys(UI_TEXTS);

function localeOf(c: Context<AppEnv>, available: readonly string[], fallback: string) {
  return chooseLocale(available, c.req.query("lang"), c.req.header("accept-language"), fallback);
}

function htmlProblem(c: Context<AppEnv>, err: unknown) {
  if (!(err instanceof AppError)) throw err;
  const locale = localeOf(c, UI_LOCALES, "en");
  const ui = UI_TEXTS[locale]!;
  const message =
    err.code === "SURVEY_LINK_EXPIRED"
      ? ui.expired!
      : err.code === "SURVEY_LINK_INVALID"
        ? ui.invalid!
        : err.message;
  c.header("Cache-Control", "no-store");
  return c.html(renderProblemPage(locale, message), statusOf(err));
}

/** Reads an HTML form post: `score`, `comment`, and `a.<question id>` for other questions. */
async function formBody(c: Context<AppEnv>): Promise<unknown> {
  const form = await c.req.parseBody({ all: true });
  const body: Record<string, unknown> = {};
  const answers: Record<string, unknown> = {};
  const asNumber = (v: string) => (/^-?\d{1,3}$/.test(v) ? Number(v) : v);
  for (const [key, value] of Object.entries(form)) {
    const values = (Array.isArray(value) ? value : [value]).filter((v) => typeof v === "string");
    const first = values[0];
    if (first === undefined) continue;
    if (key === "score") body.score = asNumber(first);
    else if (key === "comment") {
      if (first.trim()) body.comment = first;
    } else if (key.startsWith("a.")) {
      answers[key.slice(2)] = values.length > 1 ? values : asNumber(first);
    } else body[key] = first;
  }
  if (Object.keys(answers).length > 0) body.answers = answers;
  return body;
}

/** The JSON answer to a recorded response: 201 when it is the link's first, else 200. */
export function answerReply(result: Awaited<ReturnType<typeof recordResponse>>) {
  const { response } = result;
  return {
    status: result.created ? 201 : 200,
    body: {
      id: response.id,
      invitationId: response.invitationId,
      score: response.score,
      comment: response.comment,
      followUpId: result.followUpId,
    },
  } as const;
}

export function parseRespondBody(raw: unknown): RespondBody {
  const parsed = RespondBodySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("VALIDATION_FAILED", {
      message: `body${issue.path.map((p) => `.${String(p)}`).join("")}: ${issue.message}`,
    });
  }
  const bad = findUnsafeText(parsed.data);
  if (bad)
    throw new AppError("VALIDATION_FAILED", {
      message: `body.${bad.join(".")}: ${UNSAFE_TEXT_MESSAGE}`,
    });
  return parsed.data;
}

/**
 * The public respondent pages, outside `/api` and without login: `GET /s/{token}` shows the form
 * (with `?score=n`, the one-click rating from the email, recorded at once); `POST /s/{token}` takes
 * JSON (API clients, the verification contract) or the page's own form.
 */
export function surveyPageRoutes(throttles = createSurveyThrottles()) {
  const r = new Hono<AppEnv>();
  const guards = [
    bodyLimit({
      maxSize: SURVEY_BODY_LIMIT_BYTES,
      onError: () => {
        throw payloadTooLarge();
      },
    }),
    // Counted in memory: these were four of an answer's six database round trips.
    localRateLimit(SURVEY_CLIENT_POLICY, clientAddress, throttles.client),
    localRateLimit(SURVEY_LINK_POLICY, (c) => `link:${c.req.param("token") ?? ""}`, throttles.link),
  ] as const;

  r.get("/s/:token", ...guards, async (c) => {
    const token = c.req.param("token");
    const { db } = c.var.deps;
    try {
      const { invitation, survey } = await openInvitation(db, token);
      const available = Object.keys(survey.questions[0]?.texts ?? { en: "" });
      const locale = localeOf(c, available, invitation.locale);
      const oneClick = c.req.query("score");
      let saved = c.req.query("saved") === "1";
      if (oneClick !== undefined) {
        const score = /^\d{1,2}$/.test(oneClick) ? Number(oneClick) : NaN;
        await recordResponse(
          db,
          token,
          parseRespondBody({ score: Number.isNaN(score) ? oneClick : score }),
        );
        saved = true;
      }
      const response = await followUpsRepo.findResponseOfInvitation(
        db,
        invitation.orgId,
        invitation.id,
      );
      c.header("Cache-Control", "no-store");
      return c.html(
        renderSurveyPage({
          survey,
          locale,
          action: `/s/${token}${c.req.query("lang") ? `?lang=${encodeURIComponent(locale)}` : ""}`,
          answers: response?.answers ?? {},
          saved,
        }),
      );
    } catch (err) {
      return htmlProblem(c, err);
    }
  });

  r.post("/s/:token", ...guards, async (c) => {
    const token = c.req.param("token");
    const { db } = c.var.deps;
    const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (type === "application/json") {
      let raw: unknown;
      try {
        raw = await c.req.json();
      } catch {
        throw new AppError("MALFORMED_JSON", { message: "body: not valid JSON" });
      }
      const { status, body } = answerReply(await recordResponse(db, token, parseRespondBody(raw)));
      return c.json(body, status);
    }
    if (type === "application/x-www-form-urlencoded" || type === "multipart/form-data") {
      try {
        await recordResponse(db, token, parseRespondBody(await formBody(c)));
      } catch (err) {
        return htmlProblem(c, err);
      }
      const lang = c.req.query("lang");
      return c.redirect(
        `/s/${token}?saved=1${lang ? `&lang=${encodeURIComponent(lang)}` : ""}`,
        303,
      );
    }
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", { message: "Send JSON or a form" });
  });
  return r;
}
