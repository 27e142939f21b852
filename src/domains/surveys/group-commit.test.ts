import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit.ts";

describe("GroupCommit", () => {
  it("runs items submitted in one turn as one batch and answers each its own result", async () => {
    const batches: number[][] = [];
    const g = new GroupCommit<number, number>(
      async (items) => {
        batches.push(items);
        return items.map((i) => i * 10);
      },
      { maxBatch: 100, maxInFlight: 2 },
    );
    const results = await Promise.all([1, 2, 3].map((i) => g.submit(i)));
    expect(results).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it("holds items while maxInFlight batches run, then sends them together", async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const g = new GroupCommit<number, number>(
      async (items) => {
        batches.push(items);
        if (items[0] === 1) await gate;
        return items;
      },
      { maxBatch: 2, maxInFlight: 1 },
    );
    const first = g.submit(1);
    await new Promise((r) => setImmediate(r));
    const rest = [2, 3, 4].map((i) => g.submit(i));
    await new Promise((r) => setTimeout(r, 5));
    expect(batches).toEqual([[1]]); // nothing else started while the first batch runs
    release();
    expect(await Promise.all([first, ...rest])).toEqual([1, 2, 3, 4]);
    expect(batches).toEqual([[1], [2, 3], [4]]); // at most maxBatch each
  });

  it("fails one item when its result is an Error, and the whole batch when run throws", async () => {
    const g = new GroupCommit<number, number>(
      async (items) => {
        if (items.includes(99)) throw new Error("statement failed");
        return items.map((i) => (i < 0 ? new Error(`bad ${i}`) : i));
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    const one = await Promise.allSettled([g.submit(1), g.submit(-1), g.submit(2)]);
    expect(one.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const all = await Promise.allSettled([g.submit(3), g.submit(99)]);
    expect(all.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });
});
