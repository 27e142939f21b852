import { afterAll, beforeAll, expect, it } from "vitest";
import { createApiKey } from "../domains/orgs/index.ts";
import { describeEachBackend } from "../../test/db.ts";
import { buildOrg, type TestOrg } from "../../test/factories.ts";
import { loginAs } from "../../test/http.ts";
import { startRunningApp, type RunningApp } from "../../test/live-server.ts";
import { isType, LiveClient } from "./test-client.ts";

interface BoardRow {
  ref: string;
  source: string;
  alerts: { name: string }[];
}

describeEachBackend(
  "live calls on the wallboard and in a panel opened mid-call",
  ({ database }) => {
    let running: RunningApp;
    let ws: string;
    let org: TestOrg;
    let ingestKey: string;
    const clients: LiveClient[] = [];
    const connect = async (query: string, headers: Record<string, string> = {}) => {
      const client = await LiveClient.connect(`${ws}/api/v1/live${query}`, headers);
      clients.push(client);
      return client;
    };

    beforeAll(async () => {
      const { db } = database();
      org = await buildOrg(db);
      ingestKey = (await createApiKey(db, org.orgId, { kind: "cli" }, "p", ["ingest"])).key;
      running = await startRunningApp(database());
      ws = running.url.replace(/^http/, "ws");
    });

    afterAll(async () => {
      for (const c of clients) c.close();
      await running.close();
    });

    it("lists a call on the wallboard from its first utterance", async () => {
      const callId = "wall-first";
      const platform = await connect(`?access_token=${ingestKey}`);
      platform.send({ type: "start", callId, customer: { externalId: "cust-first" } });
      await platform.next(isType("started", callId), "started");
      const leader = await loginAs(running.app, org.users.leader.email);
      const board = async () =>
        (
          (await (await leader.request("GET", "/api/v1/assist/wallboard")).json()) as {
            items: BoardRow[];
          }
        ).items.find((r) => r.ref === callId);
      expect(await board()).toBeUndefined();

      platform.send({
        type: "utterance",
        callId,
        speaker: "customer",
        text: "This is useless, I am cancelling my contract and switching to another provider.",
        startOffset: 0,
        endOffset: 4,
      });
      await platform.next(isType("analysis"), "analysis");
      let row: BoardRow | undefined;
      for (let attempt = 0; attempt < 100 && !row; attempt++) {
        row = await board();
        if (!row) await new Promise((r) => setTimeout(r, 50));
      }
      expect(row).toMatchObject({ ref: callId, source: "live" });
      expect(row!.alerts.map((a) => a.name)).toContain("churn_threat");

      // After the first, the 5th utterance stores again (not the 6th): the board sees all five.
      for (let i = 1; i < 5; i++) {
        const text = i === 4 ? "I will take legal action and call my lawyer." : "Still waiting.";
        const at = i * 5;
        platform.send({
          type: "utterance",
          callId,
          speaker: "customer",
          text,
          startOffset: at,
          endOffset: at + 4,
        });
      }
      await platform.next((f) => f.type === "analysis" && f.seq === 4, "fifth analysis");
      let alerts: string[] = [];
      for (let attempt = 0; attempt < 100 && !alerts.includes("legal_threat"); attempt++) {
        alerts = (await board())?.alerts.map((a) => a.name) ?? [];
        if (!alerts.includes("legal_threat")) await new Promise((r) => setTimeout(r, 50));
      }
      expect(alerts).toContain("legal_threat");
    });

    it("sends a panel opened mid-call everything said so far, then what follows", async () => {
      const callId = "panel-mid-call";
      const platform = await connect(`?access_token=${ingestKey}`);
      platform.send({ type: "start", callId });
      await platform.next(isType("started", callId), "started");
      const said = ["Hello, how can I help?", "My parcel never arrived.", "Let me check that."];
      for (const [i, text] of said.entries()) {
        const speaker = i % 2 === 0 ? "agent" : "customer";
        platform.send({
          type: "utterance",
          callId,
          speaker,
          text,
          startOffset: i,
          endOffset: i + 1,
        });
      }
      await platform.next((f) => f.type === "analysis" && f.seq === 2, "third analysis");

      // What the agent panel sends when it opens: lastSeq -1, "nothing received yet".
      const { cookie } = await loginAs(running.app, org.users.agent.email);
      const panel = await connect("", { cookie });
      panel.send({ type: "subscribe", callId, lastSeq: -1 });
      await panel.next((f) => f.type === "analysis" && f.seq === 2, "history");
      platform.send({
        type: "utterance",
        callId,
        speaker: "customer",
        text: "Thanks.",
        startOffset: 4,
        endOffset: 5,
      });
      await panel.next((f) => f.type === "analysis" && f.seq === 3, "next");
      const heard = panel.frames.filter(isType("analysis"));
      expect(heard.map((f) => f.seq)).toEqual([0, 1, 2, 3]);
      expect(heard.map((f) => f.utterance?.text)).toEqual([...said, "Thanks."]);
    });
  },
);
