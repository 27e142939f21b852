import { beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import {
  buildTestApp,
  errorCode,
  loginAs,
  type Session,
  type TestApp,
} from "../../../test/http.ts";

const contract = {
  name: "Master services",
  startsOn: "2026-01",
  monthlyFee: 100_000,
  currency: "USD",
  capPercent: 10,
  serviceLevels: [
    {
      metric: "answer_within",
      target: 80,
      thresholdSeconds: 20,
      bands: [
        { from: 0, to: 2, creditPercent: 2 },
        { from: 2, to: null, creditPercent: 5 },
      ],
    },
    { metric: "abandonment", target: 5, bands: [{ from: 0, to: null, creditPercent: 3 }] },
    { metric: "fcr", target: 10, bands: [{ from: 0, to: null, creditPercent: 1 }] },
  ],
};

describeEachBackend(
  "vendors: contracts, imported figures and the monthly statement",
  ({ database }) => {
    let app: TestApp;
    let org: TestOrg;
    let other: TestOrg;
    let admin: Session;
    let vendorId = "";

    beforeAll(async () => {
      const db = database().db;
      app = buildTestApp(database());
      org = await buildOrg(db);
      other = await buildOrg(db);
      admin = await loginAs(app, org.users.admin.email);
    });

    it("creates a vendor owning a team; a team belongs to one vendor only", async () => {
      const res = await admin.request("POST", "/api/v1/vendors", {
        name: "Harbor",
        teamIds: [org.teamId],
      });
      expect(res.status).toBe(201);
      vendorId = ((await res.json()) as { id: string }).id;
      const taken = await admin.request("POST", "/api/v1/vendors", {
        name: "Lake",
        teamIds: [org.teamId],
      });
      expect(taken.status).toBe(409);
      const foreignTeam = await admin.request("POST", "/api/v1/vendors", {
        name: "Lake",
        teamIds: [other.teamId],
      });
      expect(foreignTeam.status).toBe(404);
      expect(await errorCode(foreignTeam)).toBe("TEAM_NOT_FOUND");
    });

    it("adds a contract and refuses a band that ends before it starts", async () => {
      const ok = await admin.request("POST", `/api/v1/vendors/${vendorId}/contracts`, contract);
      expect(ok.status).toBe(201);
      const bad = await admin.request("POST", `/api/v1/vendors/${vendorId}/contracts`, {
        ...contract,
        serviceLevels: [
          { metric: "fcr", target: 10, bands: [{ from: 5, to: 1, creditPercent: 1 }] },
        ],
      });
      expect(bad.status).toBe(400);
    });

    it("imports telephony figures from CSV, reporting bad rows by line", async () => {
      const res = await admin.request("POST", `/api/v1/vendors/${vendorId}/metrics/import`, {
        csv: "month,metric,value\n2026-10,answer_within,76.5\n2026-10,abandonment,4\n2026-13,fcr,3\n2026-10,height,9\n",
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { imported: number; errors: { line: number }[] };
      expect(body.imported).toBe(2);
      expect(body.errors.map((e) => e.line)).toEqual([4, 5]);
      const noHeader = await admin.request("POST", `/api/v1/vendors/${vendorId}/metrics/import`, {
        csv: "2026-10,answer_within,76.5",
      });
      expect(noHeader.status).toBe(400);
    });

    it("states the month's compliance with credits per band, capped", async () => {
      const res = await admin.request("GET", `/api/v1/vendors/${vendorId}/statement?month=2026-10`);
      expect(res.status).toBe(200);
      const s = (await res.json()) as {
        levels: {
          metric: string;
          actual: number | null;
          source: string | null;
          creditPercent: number;
          met: boolean | null;
        }[];
        total: { percent: number; amount: number; capped: boolean };
      };
      const answer = s.levels.find((l) => l.metric === "answer_within")!;
      expect(answer).toMatchObject({
        actual: 76.5,
        source: "import",
        creditPercent: 5,
        met: false,
      });
      expect(s.levels.find((l) => l.metric === "abandonment")).toMatchObject({
        met: true,
        creditPercent: 0,
      });
      expect(s.total).toEqual({ percent: 5, amount: 5000, capped: false });

      const compare = await admin.request("GET", "/api/v1/vendors/compare?month=2026-10");
      expect(compare.status).toBe(200);
      expect(((await compare.json()) as { items: unknown[] }).items).toHaveLength(1);
      expect(
        (await admin.request("GET", `/api/v1/vendors/${vendorId}/statement?month=26-10`)).status,
      ).toBe(400);
    });

    it("keeps tenants apart", async () => {
      const otherAdmin = await loginAs(app, other.users.admin.email);
      const res = await otherAdmin.request(
        "GET",
        `/api/v1/vendors/${vendorId}/statement?month=2026-10`,
      );
      expect(res.status).toBe(404);
      const list = (await (await otherAdmin.request("GET", "/api/v1/vendors")).json()) as {
        items: unknown[];
      };
      expect(list.items).toHaveLength(0);
    });
  },
);
