import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder holding Rapport's package.json, found by walking up from this module: `src/lib/` when
 * run from source, `dist/` when run from the build (where every module is bundled into one folder).
 * Files the server reads at run time (migrations, the web app, demo data) are found from here, so
 * the same paths hold in both.
 */
function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));
