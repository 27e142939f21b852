import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "./client.ts";
import { isTransactionConflict, retryOnConflict } from "./retry.ts";
import { describeEachBackend } from "../../test/db.ts";

const deadlock = () => Object.assign(new Error("Failed query"), { cause: { code: "40P01" } });

describe("retryOnConflict", () => {
  it("recognises a deadlock or serialization abort however the driver's error is wrapped", () => {
    expect(isTransactionConflict({ code: "40001" })).toBe(true);
    expect(isTransactionConflict(deadlock())).toBe(true);
    expect(isTransactionConflict({ code: "23505" })).toBe(false);
    expect(isTransactionConflict(new Error("no"))).toBe(false);
    expect(isTransactionConflict(null)).toBe(false);
  });

  it("runs an aborted transaction again until it commits", async () => {
    let runs = 0;
    const value = await retryOnConflict(async () => {
      if (++runs < 3) throw deadlock();
      return "stored";
    });
    expect([value, runs]).toEqual(["stored", 3]);
  });

  it("passes other errors straight on, and gives up after the last attempt", async () => {
    let runs = 0;
    const unique = Object.assign(new Error("duplicate"), { code: "23505" });
    await expect(retryOnConflict(async () => (runs++, Promise.reject(unique)))).rejects.toBe(
      unique,
    );
    expect(runs).toBe(1);
    runs = 0;
    await expect(
      retryOnConflict(async () => (runs++, Promise.reject(deadlock())), 2),
    ).rejects.toThrow("Failed query");
    expect(runs).toBe(2);
  });
});

describeEachBackend(
  "retryOnConflict on a real deadlock",
  ({ database }) => {
    it("completes both of two transactions that lock two rows in opposite orders", async () => {
      const db = database().db;
      await db.execute(sql`create table retry_probe (id int primary key, n int not null)`);
      await db.execute(sql`insert into retry_probe values (1, 0), (2, 0)`);
      let locked = 0;
      let bothLocked!: () => void;
      const barrier = new Promise<void>((resolve) => (bothLocked = resolve));
      let runs = 0;
      const bump = (first: number, second: number) =>
        retryOnConflict(() =>
          db.transaction(async (tx) => {
            runs++;
            await tx.execute(sql`update retry_probe set n = n + 1 where id = ${first}`);
            if (++locked === 2) bothLocked();
            await barrier;
            await tx.execute(sql`update retry_probe set n = n + 1 where id = ${second}`);
          }),
        );
      await Promise.all([bump(1, 2), bump(2, 1)]);
      const rows = await queryRows<{ id: number; n: number }>(
        db,
        sql`select id, n from retry_probe order by id`,
      );
      await db.execute(sql`drop table retry_probe`);
      expect(rows).toEqual([
        { id: 1, n: 2 },
        { id: 2, n: 2 },
      ]);
      // PostgreSQL aborted one of them once; it ran again and committed.
      expect(runs).toBe(3);
    });
  },
  ["postgres"],
);
