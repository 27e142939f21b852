#!/usr/bin/env node
// `rapport`: runs the build (dist/main.js, `npm run build`) when there is one that is not older than
// the sources; otherwise the TypeScript sources through tsx, a dev dependency, so that `npx rapport …`
// also works in a fresh clone and while editing. A production install (`npm prune --omit=dev`) has
// no tsx and always runs the build.
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const built = path.join(root, "dist", "main.js");

function hasTsx() {
  try {
    createRequire(import.meta.url).resolve("tsx/esm/api");
    return true;
  } catch {
    return false;
  }
}

/**
 * True when a file under src/ that the build includes changed after the build. Tests are not in the
 * build and not looked at; paths are joined by hand (path.join's normalising was half of the ~35 ms
 * this walk cost each `rapport analyze`, docs/performance.md "Start-up").
 */
function sourcesNewerThan(ms) {
  const stack = [path.join(root, "src")];
  while (stack.length > 0) {
    const dir = stack.pop();
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = `${dir}/${entry.name}`;
      if (entry.isDirectory()) stack.push(full);
      else if (!entry.name.endsWith(".test.ts") && statSync(full).mtimeMs > ms) return true;
    }
  }
  return false;
}

const useBuild = existsSync(built) && (!hasTsx() || !sourcesNewerThan(statSync(built).mtimeMs));
if (useBuild) {
  await import(pathToFileURL(built).href);
} else if (hasTsx()) {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/main.ts");
} else {
  process.stderr.write(
    "rapport: no build in dist/ and no tsx to run the sources: run `npm run build`\n",
  );
  process.exitCode = 1;
}
