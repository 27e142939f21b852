import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A real local HTTP server speaking the OpenAI chat-completions protocol, for the language-model
 * tests: `ok` answers a chat.completion, `slow` answers after `delayMs`, `error` answers 500.
 * It records each request (headers and JSON body) so tests can see exactly what left Rapport.
 */
export interface FakeLlm {
  url: string;
  requests: { path: string; authorization: string | undefined; body: unknown }[];
  close(): Promise<void>;
}

export async function startFakeLlm(
  mode: "ok" | "slow" | "error",
  opts: { reply?: string; delayMs?: number } = {},
): Promise<FakeLlm> {
  const requests: FakeLlm["requests"] = [];
  const pending = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    void readJson(req).then((body) => {
      requests.push({ path: req.url ?? "", authorization: req.headers.authorization, body });
      const answer = () => {
        if (mode === "error") {
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: { message: "model crashed" } }));
          return;
        }
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            id: "chatcmpl-1",
            object: "chat.completion",
            created: 1_764_900_000,
            model: (body as { model?: string }).model ?? "m",
            choices: [
              {
                index: 0,
                message: { role: "assistant", content: opts.reply ?? "A summary from the model." },
                finish_reason: "stop",
              },
            ],
            usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
          }),
        );
      };
      if (mode === "slow") {
        const t = setTimeout(() => (pending.delete(t), answer()), opts.delayMs ?? 5_000);
        pending.add(t);
      } else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    async close() {
      for (const t of pending) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = "";
  for await (const chunk of req) text += String(chunk);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
