#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so that `npx rapport …` works from a plain clone without a build step.
// `analyze` gets its own small entry: it needs only the engine, not the server stack main.ts loads.
import { register } from "tsx/esm/api";

register();
if (process.argv[2] === "analyze") await import("../src/cli/analyze-main.ts");
else await import("../src/main.ts");
