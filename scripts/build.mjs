#!/usr/bin/env node
// `npm run build`: bundles the server and CLI (src/main.ts → dist/, esbuild) and builds the web app
// (web/ → web/dist/, Vite). With --if-stale, each part is built only when its output is missing or
// older than a source file, so `npm start` builds once after `npm install` and then starts at once.
// --server-only skips the web app: the unit tests' CLI processes need the bundle alone.
// Why esbuild and a bundle rather than tsc: docs/decisions.md ("Production build").
import { readFile, readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ifStale = process.argv.includes("--if-stale");
const serverOnly = process.argv.includes("--server-only");

/** Newest modification time (ms) of any file under `dir`, skipping `skip` and dot-files. */
async function newestMtime(dir, skip = new Set()) {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (skip.has(full) || entry.name.startsWith(".")) continue;
    if (entry.isDirectory()) newest = Math.max(newest, await newestMtime(full, skip));
    else if (entry.isFile()) newest = Math.max(newest, (await stat(full)).mtimeMs);
  }
  return newest;
}

async function mtimeOf(file) {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

/** Why `output` must be rebuilt from `sources` (newest of them), or null when it is current. */
async function staleReason(output, newestSource, label) {
  if (!ifStale) return "npm run build";
  const built = await mtimeOf(output);
  if (built === null) return `${label} is missing`;
  return newestSource > built ? `sources changed since ${label}` : null;
}

const failures = [];

/**
 * npm packages bundled into dist/ rather than imported from node_modules: Node resolves, reads and
 * compiles an external package module by module (drizzle-orm ~110 files at a start, zod ~95, hono
 * ~40), which cost more than compiling the same code inside a chunk (drizzle-orm/pglite: 170–210 ms
 * of CPU to import from node_modules, 60–90 ms bundled). Only plain ESM (or dependency-free CJS)
 * packages that read no files of their own and have no nested node_modules: a package they import
 * that stays external resolves from dist/ to the top-level copy.
 */
const BUNDLED = new Set([
  "zod",
  "hono",
  "@hono/node-server",
  "@hono/node-ws",
  "@hono/zod-openapi",
  "drizzle-orm",
  "csv-parse",
]);
// Everything else stays external: PGlite's WebAssembly, argon2's native binding and pino's workers
// find their files relative to their packages; dev dependencies (esbuild) are imported only in dev.
const manifest = JSON.parse(await readFile(path.join(root, "package.json"), "utf8"));
const EXTERNAL_PACKAGES = Object.keys({
  ...manifest.dependencies,
  ...manifest.devDependencies,
}).filter((name) => !BUNDLED.has(name));

/**
 * JSON imported by the sources (the engine's model weights, 1.1 MB, and its word lists) as
 * `JSON.parse("…")` rather than esbuild's default, an object literal: V8 scans a string literal far
 * faster than it parses and compiles an object literal, and JSON.parse builds the same values (the
 * same number parsing, the same key order). Measured in docs/performance.md ("Start-up").
 */
const jsonAsParse = {
  name: "json-as-parse",
  setup(build) {
    build.onLoad({ filter: /\.json$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      JSON.parse(text); // malformed JSON fails the build here, as esbuild's JSON loader would
      return { contents: `export default JSON.parse(${JSON.stringify(text)});`, loader: "js" };
    });
  },
};

/**
 * zod's namespace export (`z`) re-exports every locale's error messages (64 files, 340 KB, a sixth of
 * the engine's chunk), so a bundle compiles all of them at each start while only English is used
 * (zod itself loads `en` as its default). Both re-exports of `locales/index.js` resolve to English
 * alone: `z.locales.en` stays, the others are not in the build.
 */
const zodEnglishOnly = {
  name: "zod-english-only",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)
        ? {
            path: path.join(path.dirname(args.importer), "..", "locales", "en.js"),
            namespace: "zod-en",
          }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-en" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
      loader: "js",
    }));
  },
};

/**
 * The engine's models packed at build time (src/analysis/packed-models.ts): the bundle holds them
 * serialised in place of src/analysis/built-in-models.ts, which would load 1.1 MB of JSON and merge
 * 26,700 weight arrays at every `rapport analyze` and server start. The sources are bundled on the
 * side and run here to pack them, so the build embeds exactly what the sources compute.
 */
const packedModels = (build) => ({
  name: "packed-models",
  setup(plugin) {
    const source = path.join(root, "src", "analysis", "built-in-models.ts");
    plugin.onLoad({ filter: /[\\/]built-in-models\.ts$/ }, async (args) => {
      if (args.path !== source) return undefined;
      const packer = await build({
        absWorkingDir: root,
        stdin: {
          contents: `import { builtInPackedModels } from "./built-in-models.ts";
            import { serializePackedModels } from "./packed-models.ts";
            export default JSON.stringify(serializePackedModels(builtInPackedModels()));`,
          resolveDir: path.dirname(source),
          loader: "ts",
        },
        bundle: true,
        write: false,
        format: "esm",
        platform: "node",
        logLevel: "warning",
      });
      const code = Buffer.from(packer.outputFiles[0].text).toString("base64");
      const { default: json } = await import(`data:text/javascript;base64,${code}`);
      return {
        contents: `import { deserializePackedModels } from "./packed-models.ts";
          const SERIALIZED = ${JSON.stringify(json)};
          let packed;
          export function builtInPackedModels() {
            return (packed ??= deserializePackedModels(JSON.parse(SERIALIZED)));
          }`,
        resolveDir: path.dirname(source),
        loader: "js",
      };
    });
  },
});

// The server and CLI: one ESM bundle of src/ with code splitting (so `rapport analyze` loads the
// engine alone), npm packages other than BUNDLED left as imports of node_modules.
const serverReason = await staleReason(
  path.join(root, "dist", "main.js"),
  Math.max(
    await newestMtime(path.join(root, "src")),
    (await mtimeOf(path.join(root, "package.json"))) ?? 0,
  ),
  "dist/",
);
if (serverReason) {
  console.log(`Building the server (${serverReason})…`);
  const { build } = await import("esbuild");
  await rm(path.join(root, "dist"), { recursive: true, force: true });
  try {
    await build({
      absWorkingDir: root,
      // analyze-worker: `rapport analyze`'s worker threads load it beside the chunk that starts them.
      entryPoints: {
        main: "src/main.ts",
        "analyze-worker": "src/cli/commands/analyze-worker.ts",
      },
      outdir: "dist",
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20.19",
      external: EXTERNAL_PACKAGES,
      // Maps for `start:prod`'s --enable-source-maps: Node reads every map at load, and the sources
      // they would embed (three quarters of their 7.5 MB) are in src/ beside the build anyway.
      sourcemap: true,
      sourcesContent: false,
      logLevel: "warning",
      plugins: [jsonAsParse, zodEnglishOnly, packedModels(build)],
    });
  } catch (err) {
    failures.push(`server build failed: ${err instanceof Error ? err.message : err}`);
  }
}

const webDir = path.join(root, "web");
const webDist = path.join(webDir, "dist");
const webReason = serverOnly
  ? null
  : await staleReason(
      path.join(webDist, "index.html"),
      await newestMtime(webDir, new Set([webDist, path.join(webDir, "node_modules")])),
      "web/dist/",
    );
if (webReason) {
  console.log(`Building the web app (${webReason})…`);
  const { build } = await import("vite");
  try {
    await build({ configFile: path.join(webDir, "vite.config.ts"), logLevel: "warn" });
  } catch (err) {
    failures.push(`web build failed: ${err instanceof Error ? err.message : err}`);
  }
  // The chat widget other websites load (/widget.js): one small script, no framework (docs/widget.md).
  try {
    const { build } = await import("esbuild");
    await build({
      absWorkingDir: root,
      entryPoints: ["web/src/widget/chat-widget.ts"],
      outfile: path.join(webDist, "widget.js"),
      bundle: true,
      minify: true,
      format: "iife",
      target: "es2019",
      logLevel: "warning",
    });
  } catch (err) {
    failures.push(`widget build failed: ${err instanceof Error ? err.message : err}`);
  }
}

if (failures.length > 0) {
  for (const failure of failures) console.error(failure);
  process.exit(1);
}
