import { parse } from "csv-parse/sync";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import { assessLevel, totalCredit } from "./bands.ts";
import {
  METRIC_INFO,
  VENDOR_METRICS,
  type ServiceLevel,
  type VendorMetric,
} from "./vendors.schemas.ts";
import * as repo from "./vendors.repo.ts";
import { requireVendor } from "./vendors.service.ts";

/** Monthly compliance statements, vendors side by side, and the CSV import of outside figures. */

const MAX_ROWS = 5_000;

function monthRange(month: string) {
  const from = new Date(`${month}-01T00:00:00Z`);
  const to = new Date(from);
  to.setUTCMonth(to.getUTCMonth() + 1);
  return { from, to };
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The month's compliance statement: each service level's actual figure (Rapport's own data first;
 * an imported figure only where Rapport has none, such as telephony), its shortfall, band and
 * credit, and the capped total the vendor owes.
 */
export async function vendorStatement(db: Db, orgId: string, vendorId: string, month: string) {
  const vendor = await requireVendor(db, orgId, vendorId);
  const { from, to } = monthRange(month);
  const [contract, imports, own] = await Promise.all([
    repo.findContractFor(db, orgId, vendorId, `${month}-01`),
    repo.findImports(db, orgId, vendorId, `${month}-01`),
    repo.ownFigures(db, orgId, vendorId, from, to),
  ]);
  const imported = new Map(imports.map((i) => [i.metric, i.value]));
  const levels = (contract?.serviceLevels ?? []) as unknown as ServiceLevel[];
  const byMetric = new Map(levels.map((l) => [l.metric, l]));
  const fee = contract?.monthlyFee ?? 0;

  const results = VENDOR_METRICS.map((metric: VendorMetric) => {
    const info = METRIC_INFO[metric];
    const mine = metric === "qa_score" || metric === "satisfaction" || metric === "fcr";
    const ownValue = mine ? own[metric] : null;
    const ownN =
      metric === "qa_score" ? own.qa_n : metric === "satisfaction" ? own.satisfaction_n : own.fcr_n;
    const fromImport = imported.get(metric);
    const actual = ownValue !== null && ownN > 0 ? Number(ownValue) : (fromImport ?? null);
    const source =
      ownValue !== null && ownN > 0
        ? ("rapport" as const)
        : fromImport !== undefined
          ? ("import" as const)
          : null;
    const level = byMetric.get(metric);
    const outcome = level ? assessLevel({ ...level, direction: info.direction }, actual) : null;
    return {
      metric,
      label:
        metric === "answer_within" && level?.thresholdSeconds
          ? `Calls answered within ${level.thresholdSeconds} s (%)`
          : info.label,
      direction: info.direction,
      target: level?.target ?? null,
      actual: actual === null ? null : round(actual),
      source,
      sample: source === "rapport" ? ownN : null,
      met: level && actual !== null ? outcome!.shortfall === 0 : null,
      shortfall: outcome?.shortfall ?? 0,
      creditPercent: outcome?.creditPercent ?? 0,
      creditAmount: round((fee * (outcome?.creditPercent ?? 0)) / 100),
    };
  });
  return {
    vendor: { id: vendor.id, name: vendor.name },
    month,
    conversations: own.conversations,
    contract: contract
      ? { id: contract.id, name: contract.name, monthlyFee: fee, currency: contract.currency }
      : null,
    levels: results,
    total: totalCredit(
      results.map((r) => r.creditPercent),
      contract?.capPercent ?? 0,
      fee,
    ),
  };
}

/** Every vendor's statement for the month, side by side. */
export async function compareVendors(db: Db, orgId: string, month: string) {
  const vendors = await repo.listVendors(db, orgId);
  const items = [];
  for (const v of vendors) items.push(await vendorStatement(db, orgId, v.id, month));
  return { month, items };
}

/**
 * Imports monthly figures from CSV (`month,metric,value`). Good rows are stored (a later upload of
 * the same month and metric replaces the figure); bad rows are reported by line and skipped.
 */
export async function importVendorMetrics(db: Db, orgId: string, vendorId: string, csv: string) {
  await requireVendor(db, orgId, vendorId);
  if (csv.split("\n").length > MAX_ROWS + 2)
    throw new AppError("VALIDATION_FAILED", { message: `body.csv: at most ${MAX_ROWS} rows` });
  let records: Record<string, string>[];
  try {
    records = parse(csv, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (err) {
    throw new AppError("VALIDATION_FAILED", {
      message: `body.csv: ${err instanceof Error ? err.message : "unreadable CSV"}`,
    });
  }
  const first = records[0];
  if (!first || !["month", "metric", "value"].every((k) => k in first))
    throw new AppError("VALIDATION_FAILED", {
      message: "body.csv: needs a header row with month, metric and value",
    });
  const rows: Parameters<typeof repo.upsertImports>[1] = [];
  const errors: { line: number; message: string }[] = [];
  records.forEach((r, i) => {
    const line = i + 2;
    const month = r.month ?? "";
    const metric = (r.metric ?? "") as VendorMetric;
    const value = Number(r.value);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
      errors.push({ line, message: "month: use YYYY-MM" });
    else if (!VENDOR_METRICS.includes(metric))
      errors.push({ line, message: `metric: one of ${VENDOR_METRICS.join(", ")}` });
    else if (r.value === "" || !Number.isFinite(value) || value < 0 || value > 100)
      errors.push({ line, message: "value: a number from 0 to 100" });
    else rows.push({ orgId, vendorId, month: `${month}-01`, metric, value });
  });
  // One figure per month and metric: the last row wins, as it would in a spreadsheet.
  const unique = [...new Map(rows.map((r) => [`${r.month}|${r.metric}`, r])).values()];
  await repo.upsertImports(db, unique);
  return { imported: unique.length, errors: errors.slice(0, 100) };
}
