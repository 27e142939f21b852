#!/usr/bin/env node
// Builds web/dist only when it is missing or older than a file under web/, so `npm start` right after
// `npm install` builds once and every later start skips straight to the server.
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const webDir = path.join(root, "web");
const distDir = path.join(webDir, "dist");
const builtMarker = path.join(distDir, "index.html");
const configFile = path.join(webDir, "vite.config.ts");
const SKIP = new Set([distDir, path.join(webDir, "node_modules")]);

/** Newest modification time (ms) of any file under `dir`, ignoring the build output. */
async function newestMtime(dir) {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (SKIP.has(full) || entry.name.startsWith(".")) continue;
    if (entry.isDirectory()) newest = Math.max(newest, await newestMtime(full));
    else if (entry.isFile()) newest = Math.max(newest, (await stat(full)).mtimeMs);
  }
  return newest;
}

async function builtAt() {
  try {
    return (await stat(builtMarker)).mtimeMs;
  } catch {
    return null;
  }
}

const built = await builtAt();
const reason =
  built === null
    ? "web/dist is missing"
    : (await newestMtime(webDir)) > built
      ? "web/ changed"
      : null;

if (reason) {
  console.log(`Building the web app (${reason})…`);
  const { build } = await import("vite");
  try {
    await build({ configFile, logLevel: "warn" });
  } catch (err) {
    console.error("Web build failed:", err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
