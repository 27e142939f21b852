/**
 * Widget benchmark (`npm run bench:widget`) on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL;
 * a scratch database is created and dropped). One round trip is a visitor's message through the
 * public API (token and origin check, per-visitor and per-address limits, redaction, analysis,
 * knowledge-base search over 500 articles, the bot's answer, both stored, the chat conversation
 * ingested). Baseline, measured in the same run at the same concurrency: storing that one message
 * into a chat conversation through ingest alone, which every channel pays.
 * BENCH_WIDGET_VISITORS and BENCH_WIDGET_MESSAGES change the sizes.
 */
import { createApp } from "../src/app.ts";
import { ingestConversations } from "../src/domains/conversations/index.ts";
import { createArticle } from "../src/domains/kb/index.ts";
import { createOrg } from "../src/domains/orgs/index.ts";
import { setWidgetSettings } from "../src/domains/widget/index.ts";
import { Queue } from "../src/jobs/queue.ts";
import { createLogger } from "../src/logger.ts";
import { machineLine, percentile, withScratchPostgres } from "./scratch-db.ts";

const VISITORS = Number(process.env.BENCH_WIDGET_VISITORS ?? 60);
const MESSAGES = Number(process.env.BENCH_WIDGET_MESSAGES ?? 5);
const CONCURRENCY = 8;
const ORIGIN = "https://shop.bench.test";
const TOPICS = ["refund", "delivery", "password", "invoice", "warranty", "return", "voucher"];
const QUESTIONS = [
  "How long does a refund take to reach my card?",
  "Where is my delivery, it was due yesterday?",
  "How do I reset my password?",
  "Can I get a copy of my invoice?",
  "Is my kettle still under warranty?",
];

/** Runs `jobs` with at most CONCURRENCY at once; returns each one's latency (ms) and the wall time. */
async function runPool(jobs: (() => Promise<void>)[]) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        const t = performance.now();
        await job();
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

const line = (label: string, r: { latencies: number[]; seconds: number }) =>
  `${label}: ${(r.latencies.length / r.seconds).toFixed(0)} msg/s, p50 ${percentile(r.latencies, 50).toFixed(1)} ms, p95 ${percentile(r.latencies, 95).toFixed(1)} ms`;

await withScratchPostgres(
  "widget",
  async (database) => {
    const { db } = database;
    const org = await createOrg(db, "bench", "Bench");
    await setWidgetSettings(db, org.id, {
      enabled: true,
      allowedOrigins: [ORIGIN],
      botThreshold: 0.05,
      greeting: "Hi",
      teamId: null,
      articleUrlTemplate: null,
    });
    for (let i = 0; i < 500; i++) {
      const topic = TOPICS[i % TOPICS.length]!;
      await createArticle(db, org.id, {
        title: `${topic} help ${i}`,
        body: `How ${topic} works, step ${i}. Your ${topic} is handled within ${i % 10} days. Contact us about any ${topic} question.`,
      });
    }
    const app = createApp({
      db,
      logger: createLogger("silent"),
      queue: new Queue(db),
      config: { cookieSecure: false, bodyLimitBytes: 1_048_576, trustProxy: true },
    });
    const post = (path: string, body: unknown, visitor: number, token?: string) =>
      app.request(`/api/v1/widget/${path}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: ORIGIN,
          "x-forwarded-for": `10.0.${visitor >> 8}.${visitor & 255}`,
          ...(token ? { "x-widget-token": token } : {}),
        },
        body: JSON.stringify(body),
      });
    const tokens: string[] = [];
    for (let v = 0; v < VISITORS; v++) {
      const res = await post("sessions", { org: "bench" }, v);
      tokens.push(((await res.json()) as { token: string }).token);
    }

    // Interleaved by message round, so each visitor's messages stay in order.
    const widgetJobs = Array.from({ length: MESSAGES }, (_, m) =>
      tokens.map((token, v) => async () => {
        const res = await post(
          "messages",
          { text: QUESTIONS[(v + m) % QUESTIONS.length] },
          v,
          token,
        );
        if (res.status !== 201)
          throw new Error(`widget message: ${res.status} ${await res.text()}`);
      }),
    ).flat();
    const queue = new Queue(db);
    const ingestJobs = Array.from({ length: MESSAGES }, (_, m) =>
      tokens.map((_t, v) => async () => {
        const [r] = await ingestConversations({ db, queue }, org.id, [
          {
            externalId: `baseline-${v}`,
            source: "baseline",
            channel: "chat",
            customer: { externalId: `visitor-${v}` },
            messages: [
              {
                role: "customer",
                text: QUESTIONS[(v + m) % QUESTIONS.length]!,
                ts: new Date(Date.now() + m).toISOString(),
                externalId: `baseline-${v}:${m}`,
              },
            ],
          },
        ]);
        if (r?.status === "rejected") throw new Error("baseline rejected");
      }),
    ).flat();

    const baseline = await runPool(ingestJobs);
    const widget = await runPool(widgetJobs);
    console.log(machineLine());
    console.log(
      `${VISITORS} visitors × ${MESSAGES} messages, ${CONCURRENCY} at once, 500 articles`,
    );
    console.log(line("baseline (ingest one chat message)", baseline));
    console.log(line("widget round trip (stored + bot answer)", widget));
    const ratio = percentile(widget.latencies, 95) / percentile(baseline.latencies, 95);
    console.log(`p95 ratio widget / baseline: ${ratio.toFixed(2)}×`);
  },
  { poolSize: 8 },
);
