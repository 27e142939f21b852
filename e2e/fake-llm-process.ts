/**
 * A fake OpenAI-compatible server in its own process, for the browser journeys: prints its base
 * URL on the first line of stdout and serves until killed.
 */
import { startFakeLlm } from "../test/fake-llm.ts";

const fake = await startFakeLlm("ok", {
  reply: "The customer's order was late; the agent apologised and promised a refund today.",
});
process.stdout.write(`${fake.url}\n`);
