/**
 * Vitest setup for the journeys: when a step fails, print what each running server said last
 * (the journeys' servers log at the default info level, so request lines are included), so a failure
 * in CI can be explained from its log alone.
 */
import { afterEach } from "vitest";
import { runningServers } from "./harness.ts";

afterEach((ctx) => {
  if (ctx.task.result?.state !== "fail") return;
  for (const server of runningServers()) {
    const output = server.output().trim() || "(nothing)";
    console.error(`--- ${server.url} said, last 20,000 characters:\n${output}\n---`);
  }
});
