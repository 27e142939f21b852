import type { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../http/context.ts";
import { CLIENT_EXAMPLES, SERVER_EXAMPLES } from "./live.examples.ts";
import {
  LIVE_MAX_FRAME_BYTES,
  LiveEndSchema,
  LiveStartSchema,
  LiveSubscribeSchema,
  LiveUtteranceSchema,
} from "./live.schemas.ts";
import {
  LiveAnalysisSchema,
  LiveEndedSchema,
  LiveErrorSchema,
  LiveStartedSchema,
  LiveSubscribedSchema,
} from "./live.server-schemas.ts";

/*
 * The AsyncAPI 3.0 description of `/api/v1/live`, generated from the same zod schemas that
 * validate the frames, so the published protocol cannot drift from the code. Served at
 * `/api/v1/asyncapi.json`; docs/live.md is the prose beside it.
 *
 * Actions are from the server's point of view (AsyncAPI 3 describes the application): it
 * `receive`s the client frames and `send`s the server frames.
 */

export const ASYNCAPI_PATH = "/api/v1/asyncapi.json";

/** Every frame of the protocol, by its `type`: the direction, schema and example of each. */
export const LIVE_FRAMES = {
  start: { from: "client", schema: LiveStartSchema, example: CLIENT_EXAMPLES.start },
  utterance: { from: "client", schema: LiveUtteranceSchema, example: CLIENT_EXAMPLES.utterance },
  end: { from: "client", schema: LiveEndSchema, example: CLIENT_EXAMPLES.end },
  subscribe: { from: "client", schema: LiveSubscribeSchema, example: CLIENT_EXAMPLES.subscribe },
  started: { from: "server", schema: LiveStartedSchema, example: SERVER_EXAMPLES.started },
  subscribed: { from: "server", schema: LiveSubscribedSchema, example: SERVER_EXAMPLES.subscribed },
  analysis: { from: "server", schema: LiveAnalysisSchema, example: SERVER_EXAMPLES.analysis },
  ended: { from: "server", schema: LiveEndedSchema, example: SERVER_EXAMPLES.ended },
  error: { from: "server", schema: LiveErrorSchema, example: SERVER_EXAMPLES.error },
} as const;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** JSON Schema draft-07 (what AsyncAPI schemas extend) of a frame, without its own `$schema`. */
function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    target: "draft-07",
    io: "input",
  }) as Record<string, unknown>;
  return rest;
}

/** Builds the AsyncAPI document; `version` is the API version it describes. */
export function buildLiveAsyncApi(version: string): Record<string, unknown> {
  const names = Object.keys(LIVE_FRAMES) as (keyof typeof LIVE_FRAMES)[];
  const messages = Object.fromEntries(
    names.map((name) => {
      const frame = LIVE_FRAMES[name];
      return [
        name,
        {
          name,
          title: `${capitalise(name)} frame`,
          summary: frame.schema.description ?? name,
          contentType: "application/json",
          payload: { $ref: `#/components/schemas/${capitalise(name)}Frame` },
          examples: [{ name: `${name}-example`, payload: frame.example }],
        },
      ];
    }),
  );
  const schemas = Object.fromEntries(
    names.map((name) => [`${capitalise(name)}Frame`, jsonSchemaOf(LIVE_FRAMES[name].schema)]),
  );
  const operations = Object.fromEntries(
    names.map((name) => [
      `${LIVE_FRAMES[name].from === "client" ? "receive" : "send"}${capitalise(name)}`,
      {
        action: LIVE_FRAMES[name].from === "client" ? "receive" : "send",
        channel: { $ref: "#/channels/live" },
        summary: LIVE_FRAMES[name].schema.description ?? name,
        messages: [{ $ref: `#/channels/live/messages/${name}` }],
      },
    ]),
  );
  return {
    asyncapi: "3.0.0",
    info: {
      title: "Rapport live calls",
      version,
      description:
        "Stream a call's utterances and get each one's analysis back as it happens, or watch a call " +
        "as a supervisor. One JSON object per WebSocket text frame, at most " +
        `${LIVE_MAX_FRAME_BYTES} bytes. Protocol guide: docs/live.md.`,
    },
    defaultContentType: "application/json",
    servers: {
      rapport: {
        host: "localhost:3000",
        protocol: "ws",
        pathname: "/api/v1/live",
        description: "Your Rapport server (wss behind TLS)",
        security: [
          { $ref: "#/components/securitySchemes/bearer" },
          { $ref: "#/components/securitySchemes/accessToken" },
          { $ref: "#/components/securitySchemes/session" },
        ],
      },
    },
    channels: {
      live: {
        address: "/api/v1/live",
        title: "Live calls",
        description:
          "Platforms (API key with `ingest`) send start, utterance and end; anyone of the " +
          "organization (API key with `read`, or a session) may subscribe.",
        messages: Object.fromEntries(
          names.map((name) => [name, { $ref: `#/components/messages/${name}` }]),
        ),
      },
    },
    operations,
    components: {
      schemas,
      messages,
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "An API key: `Authorization: Bearer <key>`",
        },
        accessToken: {
          type: "httpApiKey",
          name: "access_token",
          in: "query",
          description: "The API key as `?access_token=` (browsers cannot set WebSocket headers)",
        },
        session: {
          type: "httpApiKey",
          name: "rapport_session",
          in: "cookie",
          description: "A signed-in user's session (subscribe only; same origin)",
        },
      },
    },
  };
}

/** Serves the AsyncAPI document, public like the OpenAPI one (it describes, it discloses nothing). */
export function mountLiveAsyncApi(app: Hono<AppEnv>, version: string): void {
  // Built on the first request, not at start-up: converting the frame schemas costs ~60 ms of a
  // server start (docs/performance.md) that most servers never need.
  let doc: Record<string, unknown> | undefined;
  app.get(ASYNCAPI_PATH, (c) => c.json((doc ??= buildLiveAsyncApi(version))));
}
