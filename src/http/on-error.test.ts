import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "./context.ts";
import { AppError } from "./errors.ts";
import { onError } from "./on-error.ts";

function appThrowing(err: unknown) {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.use(requestId());
  app.get("/boom", () => {
    throw err;
  });
  return app;
}

describe("onError", () => {
  it("hides internal errors behind a generic 500 with the request id", async () => {
    const res = await appThrowing(new Error("password=hunter2 in a failed query")).request("/boom");
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("hunter2");
    expect(JSON.parse(text)).toMatchObject({
      error: { code: "INTERNAL" },
      requestId: res.headers.get("x-request-id"),
    });
  });

  it("maps an AppError code to its status and keeps details", async () => {
    const res = await appThrowing(
      new AppError("TEAM_NAME_TAKEN", { message: "name: taken", details: { n: 1 } }),
    ).request("/boom");
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      error: { code: "TEAM_NAME_TAKEN", message: "name: taken", details: { n: 1 } },
    });
  });
});
