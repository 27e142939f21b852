import { rm } from "node:fs/promises";
import { browserSkipReason, prepareDemoTemplate, TEMPLATE_ENV } from "./harness.ts";

/**
 * Once per run: the analysed demo every journey's server copies (see prepareDemoTemplate). The
 * directory reaches the test processes through the environment, which they inherit.
 */
export default async function setup() {
  if (browserSkipReason() !== null) return;
  const dir = await prepareDemoTemplate();
  process.env[TEMPLATE_ENV] = dir;
  return async () => {
    delete process.env[TEMPLATE_ENV];
    await rm(dir, { recursive: true, force: true });
  };
}
