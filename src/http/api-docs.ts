import { readFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Hono } from "hono";
import { PACKAGE_ROOT } from "../lib/package-root.ts";
import type { AppEnv } from "./context.ts";

const require = createRequire(import.meta.url);
const swaggerDir = path.dirname(require.resolve("swagger-ui-dist/package.json"));

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Rapport API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
<link rel="stylesheet" href="/api/docs/a11y.css"></head>
<body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

// Accessibility (docs/accessibility.md): deepLinking is off because it puts a link inside each operation's
// expand button, nested interactive controls screen readers cannot operate (axe nested-interactive); the
// "idea" highlighting theme is the one whose JSON colours all keep 4.5:1 (the default "agate" has 3.4:1
// numbers on its dark background).
const INIT = `window.ui = SwaggerUIBundle({
  url: "/api/v1/openapi.json",
  dom_id: "#ui",
  deepLinking: false,
  syntaxHighlight: { activated: true, theme: "idea" },
});`;

/** Contrast and scrolling fixes layered over Swagger UI's own stylesheet. */
// Read from the package root, not beside this module: the production build bundles modules into dist/.
const A11Y_CSS = readFileSync(path.join(PACKAGE_ROOT, "src/http/api-docs-a11y.css"), "utf8");

/** A browsable API reference served from the swagger-ui-dist package: no CDN, works offline. */
export function mountApiDocs(app: Hono<AppEnv>): void {
  app.get("/api/docs", (c) => c.html(PAGE));
  app.get("/api/docs/a11y.css", (c) => c.body(A11Y_CSS, 200, { "content-type": "text/css" }));
  app.get("/api/docs/init.js", (c) => c.body(INIT, 200, { "content-type": "text/javascript" }));
  app.use(
    "/api/docs/assets/*",
    serveStatic({
      root: path.relative(process.cwd(), swaggerDir),
      rewriteRequestPath: (p) => p.replace(/^\/api\/docs\/assets/, ""),
    }),
  );
}
