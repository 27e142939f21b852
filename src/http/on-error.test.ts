import { sql } from "drizzle-orm";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { Hono } from "hono";
import pino from "pino";
import { requestId } from "hono/request-id";
import { describe, expect, it } from "vitest";
import type { AppDeps, AppEnv } from "./context.ts";
import { AppError } from "./errors.ts";
import { onError } from "./on-error.ts";
import { describeEachBackend } from "../../test/db.ts";

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

describe("onError on a write that raced a concurrent one", () => {
  it("answers 409 CONFLICT for a unique violation or a deadlock, however the driver's error is wrapped", async () => {
    for (const code of ["23505", "40P01", "40001"]) {
      const failed = new DrizzleQueryError(
        "insert into teams …",
        [],
        Object.assign(new Error("x"), { code }),
      );
      const res = await appThrowing(failed).request("/boom");
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ error: { code: "CONFLICT" } });
    }
    // Any other database error stays a 500: it is not the client's to fix by sending again.
    const other = new DrizzleQueryError(
      "select …",
      [],
      Object.assign(new Error("x"), { code: "22021" }),
    );
    expect((await appThrowing(other).request("/boom")).status).toBe(500);
  });
});

describeEachBackend("onError on a write next to a concurrent delete", ({ database }) => {
  it("answers 409 CONFLICT for the database's own foreign-key violation, not 500", async () => {
    const db = database().db;
    await db.execute(sql`create table fk_parent (id int primary key)`);
    await db.execute(sql`create table fk_child (parent int not null references fk_parent)`);
    // The parent a request checked for is gone by the time it writes the child.
    const failed = await db.execute(sql`insert into fk_child values (1)`).then(
      () => null,
      (err: unknown) => err,
    );
    await db.execute(sql`drop table fk_child, fk_parent`);
    expect(failed).not.toBeNull();
    const res = await appThrowing(failed).request("/boom");
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      error: { code: "CONFLICT", message: expect.stringContaining("removed at the same moment") },
    });
  });
});

describe("onError logging", () => {
  it("keeps a failed query's PostgreSQL cause and drops its parameters", async () => {
    const lines: string[] = [];
    const logger = pino({ level: "error" }, { write: (l: string) => void lines.push(l) });
    const pgError = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: "22021",
      severity: "ERROR",
      routine: "report_invalid_encoding",
      detail: "Key (email)=(casey@example.test) already exists.",
    });
    const failed = new DrizzleQueryError(
      "select * from messages where text = $1",
      ["my card 4111 was charged twice"],
      pgError,
    );
    const app = new Hono<AppEnv>();
    app.onError(onError);
    app.use(requestId());
    app.use(async (c, next) => {
      c.set("deps", { logger } as unknown as AppDeps);
      await next();
    });
    app.get("/boom", () => {
      throw failed;
    });
    const res = await app.request("/boom?q=my+secret+words");
    expect(res.status).toBe(500);
    const log = lines.join("\n");
    expect(log).toContain("22021");
    expect(log).toContain("invalid byte sequence");
    expect(log).toContain("select * from messages where text = $1");
    // The parameter's words, not "4111" alone: a random request id in the log may contain those digits.
    expect(log).not.toContain("card 4111 was charged");
    expect(log).not.toContain("casey@example.test");
    expect(log).not.toContain("secret words");
  });
});
