import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isJsonDocument, streamJsonArrays, type JsonElement } from "./json-stream.ts";

/** Splits text into chunks at the given cut points, as a file stream would deliver it. */
function chunked(text: string, cuts: number[]): Readable {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let from = 0;
  const bytes = Buffer.from(text, "utf8");
  for (const p of points) {
    const at = Math.floor((p / Math.max(1, text.length)) * bytes.length);
    parts.push(bytes.subarray(from, at));
    from = at;
  }
  parts.push(bytes.subarray(from));
  return Readable.from(parts.filter((b) => b.length > 0));
}

async function collect(input: Readable, keys: string[]): Promise<JsonElement[]> {
  const out: JsonElement[] = [];
  for await (const el of streamJsonArrays(input, keys)) out.push(el);
  return out;
}

describe("streamJsonArrays", () => {
  it("yields every element of a top-level array, however the bytes are chunked", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.boolean(),
        async (values, cuts, pretty) => {
          const text = JSON.stringify(values, null, pretty ? 2 : undefined);
          const got = await collect(chunked(text, cuts), []);
          expect(got.map((e) => e.error)).toEqual(values.map(() => undefined));
          // JSON.parse(JSON.stringify(x)) normalises -0 and the like, as reading a file would.
          expect(got.map((e) => e.value)).toEqual(JSON.parse(text));
          expect(got.map((e) => e.index)).toEqual(values.map((_, i) => i + 1));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("reads only the arrays under the requested keys of a top-level object", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
        fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (tickets, users, cuts) => {
          const doc = {
            meta: { tickets: ["not", "top-level"] },
            tickets,
            'a"b': "[",
            users,
            next_page: null,
          };
          const got = await collect(chunked(JSON.stringify(doc, null, 1), cuts), [
            "tickets",
            "users",
          ]);
          expect(got.filter((e) => e.key === "tickets").map((e) => e.value)).toEqual(
            JSON.parse(JSON.stringify(tickets)),
          );
          expect(got.filter((e) => e.key === "users").map((e) => e.value)).toEqual(
            JSON.parse(JSON.stringify(users)),
          );
          expect(got.every((e) => e.key === "tickets" || e.key === "users")).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("fails on a document that is cut short, and on one that is not JSON", async () => {
    await expect(
      collect(Readable.from(['{"tickets": [{"id": 1}, {"id": ']), ["tickets"]),
    ).rejects.toThrow(/cut short/);
    await expect(collect(Readable.from(["id,name\n1,x\n"]), ["tickets"])).rejects.toThrow(
      /does not start/,
    );
  });
});

describe("isJsonDocument", () => {
  it("tells NDJSON from a pretty-printed or one-line document", async () => {
    expect(await isJsonDocument(Readable.from(['{"id": 1}\n{"id": 2}\n']), ["tickets"])).toBe(
      false,
    );
    expect(await isJsonDocument(Readable.from(['{\n  "tickets": []\n}\n']), ["tickets"])).toBe(
      true,
    );
    expect(await isJsonDocument(Readable.from(['{"tickets": [{"id": 1}]}']), ["tickets"])).toBe(
      true,
    );
    expect(await isJsonDocument(Readable.from(['[{"id": 1}]']), ["tickets"])).toBe(true);
  });
});
