import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Hono } from "hono";
import type { AppEnv } from "../../http/context.ts";

/** The widget's source; `npm run build` bundles it into `<web dist>/widget.js` (scripts/build.mjs). */
export const WIDGET_ENTRY = "web/src/widget/chat-widget.ts";

let bundled: Promise<string> | undefined;

/**
 * The widget bundle: the built file beside the web app when there is one (production); else
 * bundled once from source with esbuild, a development dependency (tests and `npm run dev`).
 */
export function loadWidgetScript(webDistDir: string | undefined): Promise<string> {
  const built = webDistDir ? path.join(webDistDir, "widget.js") : null;
  if (built && existsSync(built)) return readFile(built, "utf8");
  bundled ??= (async () => {
    const { build } = await import("esbuild");
    const out = await build({
      entryPoints: [path.resolve(WIDGET_ENTRY)],
      bundle: true,
      minify: true,
      format: "iife",
      target: "es2019",
      write: false,
      logLevel: "silent",
    });
    return out.outputFiles[0]!.text;
  })();
  bundled.catch(() => {
    bundled = undefined;
  });
  return bundled;
}

/**
 * `GET /widget.js`. Mounted ahead of the app's security headers: the script is loaded by other
 * websites, so it must be fetchable cross-origin (Cross-Origin-Resource-Policy: cross-origin)
 * and it sets the few headers that matter for a script itself.
 */
export function widgetScriptRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/widget.js", async (c) => {
    let script: string;
    try {
      script = await loadWidgetScript(c.var.deps.config.webDistDir);
    } catch {
      return c.text("The chat widget is not built: run `npm run build`.", 503);
    }
    return c.body(script, 200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=300",
      "cross-origin-resource-policy": "cross-origin",
      "x-content-type-options": "nosniff",
    });
  });
  return app;
}
