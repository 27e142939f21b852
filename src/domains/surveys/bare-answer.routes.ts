import type { IncomingMessage } from "node:http";
import type { AppDeps } from "../../http/context.ts";
import { lastForwardedFor } from "../../http/client.ts";
import { AppError } from "../../http/errors.ts";
import { bareJsonRoute, readBody, type BareRoute } from "../../http/listener.ts";
import { hitLocalLimit } from "../../http/rate-limit.middleware.ts";
import {
  answerReply,
  parseRespondBody,
  payloadTooLarge,
  SURVEY_BODY_LIMIT_BYTES,
  type SurveyThrottles,
} from "./pages.routes.ts";
import { recordResponse } from "./responses.service.ts";

/**
 * Requests the bare route takes: a JSON `POST /s/{token}` whose token has a link's shape (so
 * Hono would neither decode nor normalize it), without a query string, with one Content-Type and
 * a plain Host. Anything else (forms, odd paths or hosts, other methods) goes through Hono's
 * `surveyPageRoutes`, whose answers this route repeats byte for byte
 * (`bare-answer.routes.test.ts`).
 */
const ANSWER_URL = /^\/s\/[\w-]{1,100}\.[\w-]{1,100}$/;
const PLAIN_HOST = /^[a-z0-9.-]{1,253}(:\d{1,5})?$/i;

function takes(req: IncomingMessage): boolean {
  if (req.method !== "POST" || !ANSWER_URL.test(req.url ?? "")) return false;
  if (!PLAIN_HOST.test(req.headers.host ?? "")) return false;
  const types = req.headersDistinct["content-type"];
  return (
    types?.length === 1 && types[0]!.split(";")[0]!.trim().toLowerCase() === "application/json"
  );
}

/** The client address as `clientAddress` reads it (the last X-Forwarded-For entry if trusted). */
function clientOf(req: IncomingMessage, trustProxy: boolean | undefined): string | undefined {
  const forwarded = trustProxy
    ? lastForwardedFor(req.headers["x-forwarded-for"] as string | undefined)
    : undefined;
  return forwarded ?? req.socket.remoteAddress;
}

const utf8 = new TextDecoder();

/**
 * `POST /s/{token}` with JSON, answered from Node's request (`src/http/listener.ts`), in the
 * order of the Hono route: the body limit (a declared length at once, a chunked body read in
 * full), both abuse limits (the same counts as the Hono routes: `throttles`), then the body.
 */
export function surveyAnswerRoute(deps: AppDeps, throttles: SurveyThrottles): BareRoute {
  return bareJsonRoute(deps, takes, async (req, path) => {
    const token = path.slice("/s/".length);
    const declared = req.headers["content-length"];
    let body: Buffer | null | undefined;
    if (declared !== undefined && req.headers["transfer-encoding"] === undefined) {
      if (parseInt(declared, 10) > SURVEY_BODY_LIMIT_BYTES) throw payloadTooLarge();
    } else if ((body = await readBody(req, SURVEY_BODY_LIMIT_BYTES)) === null) {
      throw payloadTooLarge();
    }
    await hitLocalLimit(throttles.client, deps.db, clientOf(req, deps.config.trustProxy));
    await hitLocalLimit(throttles.link, deps.db, `link:${token}`);
    let raw: unknown;
    try {
      // As `c.req.json()`: a body that cannot be read (the client left) or parsed is malformed;
      // UTF-8 with a leading byte-order mark dropped.
      body ??= await readBody(req, SURVEY_BODY_LIMIT_BYTES);
      if (body === null) throw payloadTooLarge();
      raw = JSON.parse(utf8.decode(body));
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError("MALFORMED_JSON", { message: "body: not valid JSON" });
    }
    return answerReply(await recordResponse(deps.db, token, parseRespondBody(raw)));
  });
}
