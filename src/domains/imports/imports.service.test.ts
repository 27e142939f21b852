import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { organizations } from "../../db/schema/index.ts";
import { Queue } from "../../jobs/queue.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { FIXTURES } from "./formats/read-fixture.ts";
import { ImportMappingSchema, type ImportFormat, type ImportOptions } from "./imports.schemas.ts";
import { importFile, type ImportProgress } from "./imports.service.ts";

interface Case {
  format: ImportFormat;
  file: string;
  opts?: ImportOptions;
  created: number;
  rejected: number;
  /** One conversation checked in the database: id, channel, roles in order, first message time. */
  check: { externalId: string; channel: string; roles: string[]; startedAt: string };
}

const mapping = (file: string) =>
  ImportMappingSchema.parse(JSON.parse(readFileSync(path.join(FIXTURES, file), "utf8")));
const CALL_START = "2024-07-01T09:00:00Z";

const CASES: Case[] = [
  {
    format: "zendesk",
    file: "zendesk-export.json",
    created: 3,
    rejected: 1,
    check: {
      externalId: "101",
      channel: "email",
      roles: ["customer", "internal", "agent", "customer"],
      startedAt: "2024-03-01T09:00:00.000Z",
    },
  },
  {
    format: "zendesk",
    file: "zendesk-tickets.ndjson",
    created: 2,
    rejected: 1,
    check: {
      externalId: "203",
      channel: "sms",
      roles: ["customer", "internal"],
      startedAt: "2024-04-02T12:00:00.000Z",
    },
  },
  {
    format: "freshdesk",
    file: "freshdesk-tickets.json",
    created: 3,
    rejected: 1,
    check: {
      externalId: "301",
      channel: "email",
      roles: ["customer", "agent", "internal", "customer"],
      startedAt: "2024-05-10T08:00:00.000Z",
    },
  },
  {
    format: "chatwoot",
    file: "chatwoot-conversations.json",
    created: 2,
    rejected: 1,
    check: {
      externalId: "401",
      channel: "chat",
      roles: ["customer", "bot", "agent", "internal"],
      startedAt: "2024-06-10T06:13:20.000Z",
    },
  },
  {
    format: "twitter",
    file: "twcs-sample.csv",
    created: 2,
    rejected: 3,
    check: {
      externalId: "15",
      channel: "social",
      roles: ["customer", "agent", "agent", "customer", "agent", "customer"],
      startedAt: "2017-10-31T21:49:35.000Z",
    },
  },
  {
    format: "csv",
    file: "generic-messages.csv",
    opts: { mapping: mapping("generic-mapping.json") },
    created: 3,
    rejected: 2,
    check: {
      externalId: "T-1",
      channel: "chat",
      roles: ["customer", "agent", "internal"],
      startedAt: "2024-06-01T10:00:00.000Z",
    },
  },
  {
    format: "jsonl",
    file: "generic-messages.jsonl",
    opts: { mapping: mapping("generic-jsonl-mapping.json") },
    created: 2,
    rejected: 1,
    check: {
      externalId: "J-100",
      channel: "chat",
      roles: ["customer", "bot", "agent"],
      startedAt: "2024-06-01T10:00:00.000Z",
    },
  },
  {
    format: "vtt",
    file: "call.vtt",
    opts: { startedAt: CALL_START },
    created: 1,
    rejected: 0,
    check: {
      externalId: "call.vtt",
      channel: "phone",
      roles: ["agent", "customer", "agent"],
      startedAt: "2024-07-01T09:00:00.500Z",
    },
  },
  {
    format: "srt",
    file: "call.srt",
    opts: { startedAt: CALL_START },
    created: 1,
    rejected: 0,
    check: {
      externalId: "call.srt",
      channel: "phone",
      roles: ["agent", "customer", "agent"],
      startedAt: "2024-07-01T09:00:01.000Z",
    },
  },
  {
    format: "transcribe",
    file: "call-transcribe.json",
    opts: { startedAt: CALL_START },
    created: 1,
    rejected: 0,
    check: {
      externalId: "call-transcribe.json",
      channel: "phone",
      roles: ["agent", "customer", "agent"],
      startedAt: "2024-07-01T09:00:00.500Z",
    },
  },
  {
    format: "srt",
    file: "broken.srt",
    created: 0,
    rejected: 1,
    check: { externalId: "", channel: "", roles: [], startedAt: "" },
  },
];

describeEachBackend("importFile", ({ database }) => {
  let dir: string;
  let orgSeq = 0;
  const deps = () => ({ db: database().db, queue: new Queue(database().db) });
  /** A fresh organization per test, so counts never mix. */
  const newOrg = async () => {
    const [org] = await database()
      .db.insert(organizations)
      .values({ slug: `imp-${process.pid}-${orgSeq++}`, name: "Importer" })
      .returning();
    return org!.id;
  };
  /** A copy of a fixture in a scratch folder, so the default rejects file lands there. */
  const copy = (file: string) => {
    const folder = mkdtempSync(path.join(dir, "run-"));
    const target = path.join(folder, file);
    copyFileSync(path.join(FIXTURES, file), target);
    return target;
  };
  const snapshot = async (orgId: string) =>
    queryRows<{
      source: string;
      external_id: string;
      channel: string;
      roles: string;
      started_at: string;
      n: number;
    }>(
      database().db,
      sql`select c.source, c.external_id, c.channel::text as channel, to_char(c.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as started_at,
            string_agg(m.role::text || ':' || coalesce(m.external_id, ''), ',' order by m.seq) as roles, count(m.id)::int as n
          from conversations c left join messages m on m.org_id = c.org_id and m.conversation_id = c.id
          where c.org_id = ${orgId} group by c.org_id, c.id order by c.source, c.external_id`,
    );

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "rapport-import-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const c of CASES) {
    it(`imports ${c.format} from ${c.file}, rejecting its malformed records`, async () => {
      const orgId = await newOrg();
      const file = copy(c.file);
      const summary = await importFile(deps(), orgId, c.format, file, c.opts ?? {});
      expect(summary).toMatchObject({
        created: c.created,
        updated: 0,
        unchanged: 0,
        rejected: c.rejected,
        interrupted: false,
      });
      const rows = await snapshot(orgId);
      expect(rows).toHaveLength(c.created);
      if (c.created > 0) {
        const row = rows.find((r) => r.external_id === c.check.externalId);
        expect(row).toMatchObject({
          source: c.format,
          channel: c.check.channel,
          started_at: c.check.startedAt,
        });
        expect(row?.roles.split(",").map((r) => r.split(":")[0])).toEqual(c.check.roles);
      }
      const rejectLines = existsSync(summary.rejectsPath)
        ? readFileSync(summary.rejectsPath, "utf8")
            .trim()
            .split("\n")
            .map((l) => JSON.parse(l) as Record<string, unknown>)
        : [];
      expect(rejectLines).toHaveLength(c.rejected);
      for (const line of rejectLines) {
        expect(line.file).toBe(path.basename(file));
        expect(typeof line.reason).toBe("string");
        expect(typeof (line.line ?? line.record)).toBe("number");
      }
    });
  }

  it("reports a finished import as unchanged without reading it again, and a restart finds nothing new", async () => {
    const orgId = await newOrg();
    const file = copy("zendesk-export.json");
    await importFile(deps(), orgId, "zendesk", file, {});
    const before = await snapshot(orgId);
    const again = await importFile(deps(), orgId, "zendesk", file, {});
    expect(again).toMatchObject({
      alreadyImported: true,
      created: 0,
      updated: 0,
      unchanged: 3,
      rejected: 1,
    });
    const restarted = await importFile(deps(), orgId, "zendesk", file, { restart: true });
    expect(restarted).toMatchObject({
      alreadyImported: false,
      created: 0,
      updated: 0,
      unchanged: 3,
      rejected: 1,
    });
    expect(await snapshot(orgId)).toEqual(before);
    for (const c of CASES.slice(1)) {
      const o = await newOrg();
      const f = copy(c.file);
      await importFile(deps(), o, c.format, f, c.opts ?? {});
      const redo = await importFile(deps(), o, c.format, f, { ...c.opts, restart: true });
      expect([c.file, redo]).toMatchObject([
        c.file,
        { created: 0, updated: 0, unchanged: c.created, rejected: c.rejected },
      ]);
    }
    // The same file under another org is a separate import.
    const otherOrg = await newOrg();
    expect(await importFile(deps(), otherOrg, "zendesk", file, {})).toMatchObject({ created: 3 });
  });

  for (const c of [CASES[0]!, CASES[4]!, CASES[5]!]) {
    it(`resumes an interrupted ${c.format} import after its last committed batch, with no duplicates`, async () => {
      const expectedOrg = await newOrg();
      await importFile(deps(), expectedOrg, c.format, copy(c.file), c.opts ?? {});
      const expected = await snapshot(expectedOrg);

      const orgId = await newOrg();
      const file = copy(c.file);
      const controller = new AbortController();
      const seen: ImportProgress[] = [];
      const first = await importFile(
        deps(),
        orgId,
        c.format,
        file,
        { ...c.opts, batchSize: 1, signal: controller.signal },
        (p) => {
          seen.push(p);
          controller.abort();
        },
      );
      expect(first.interrupted).toBe(true);
      expect(seen).toHaveLength(1);
      expect(first.records).toBe(1);
      expect((await snapshot(orgId)).length).toBeLessThan(expected.length);

      const second = await importFile(deps(), orgId, c.format, file, { ...c.opts, batchSize: 1 });
      expect(second).toMatchObject({
        interrupted: false,
        resumedFrom: 1,
        created: c.created,
        unchanged: 0,
        rejected: c.rejected,
      });
      const after = await snapshot(orgId);
      expect(after).toEqual(expected);
      const rejectLines = readFileSync(second.rejectsPath, "utf8").trim().split("\n");
      expect(rejectLines).toHaveLength(c.rejected);
    });
  }

  it("starts over when the file changed, and refuses unusable options", async () => {
    const orgId = await newOrg();
    await expect(
      importFile(deps(), orgId, "csv", copy("generic-messages.csv"), {}),
    ).rejects.toThrow(/needs a mapping file/);
    await expect(
      importFile(deps(), orgId, "zendesk", path.join(dir, "missing.json"), {}),
    ).rejects.toThrow(/no such file/);
    await expect(
      importFile(deps(), orgId, "zendesk", copy("zendesk-export.json"), { batchSize: 0 }),
    ).rejects.toThrow(/batchSize/);
    await expect(
      importFile(deps(), orgId, "zendesk", copy("zendesk-export.json"), { externalId: "x" }),
    ).rejects.toThrow(/transcript formats only/);
  });
});
