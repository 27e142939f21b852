import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Command } from "commander";
import {
  formatOfFileName,
  importArticles,
  KB_IMPORT_FORMATS,
  KB_IMPORT_MAX_BYTES,
  type KbImportFormat,
} from "../../domains/kb/index.ts";
import { requireOrgBySlug } from "../../domains/orgs/index.ts";
import type { CommandHost } from "../context.ts";

/** `rapport kb import FILE`: one Markdown or HTML article, or a CSV of articles, into an org's knowledge base. */
export function registerKbCommand(program: Command, host: CommandHost): void {
  const kb = program.command("kb").description("The knowledge base agents and the bot answer from");
  kb.command("import")
    .description(
      "Import a Markdown (.md) or HTML (.html) article, or a CSV (title, body, tags, locale, key) of articles; re-importing updates",
    )
    .argument("<file>", "the file to import")
    .requiredOption("--org <slug>", "organization slug, e.g. demo")
    .option(
      "--format <format>",
      `one of ${KB_IMPORT_FORMATS.join(", ")} (default: from the extension)`,
    )
    .action(async (file: string, opts: { org: string; format?: string }) => {
      const full = host.resolvePath(file);
      const format = (opts.format ?? formatOfFileName(file)) as KbImportFormat | null;
      if (!format || !KB_IMPORT_FORMATS.includes(format))
        throw new Error(`--format: say one of ${KB_IMPORT_FORMATS.join(", ")} for ${file}`);
      if (statSync(full).size > KB_IMPORT_MAX_BYTES)
        throw new Error(`${file}: larger than ${KB_IMPORT_MAX_BYTES} bytes`);
      const content = readFileSync(full, "utf8");
      await host.withDatabase(async ({ db }) => {
        const org = await requireOrgBySlug(db, opts.org);
        const result = await importArticles(db, org.id, {
          format,
          fileName: path.basename(full),
          content,
        });
        host.stdout.write(
          `imported ${result.created} new and ${result.updated} updated articles\n`,
        );
      });
    });
}
