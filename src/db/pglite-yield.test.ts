import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./client.ts";

describe("embedded database and the event loop", () => {
  it("lets timers and I/O run while a chain of queries goes on", async () => {
    const { db, close } = await openDatabase({ kind: "pglite" });
    try {
      let fired = 0;
      const timer = setInterval(() => fired++, 5);
      const until = Date.now() + 300;
      while (Date.now() < until) await db.execute(sql`select 1`);
      const outside = fired;
      await db.transaction(async (tx) => {
        const end = Date.now() + 300;
        while (Date.now() < end) await tx.execute(sql`select 1`);
      });
      clearInterval(timer);
      expect(outside).toBeGreaterThan(3);
      expect(fired - outside).toBeGreaterThan(3);
    } finally {
      await close();
    }
  });
});
