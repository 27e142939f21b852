/**
 * `rapport import zendesk|freshdesk|chatwoot` without a file: reads the account through the
 * vendor's API (docs/importers.md) and ingests it like an export, resumable through `import_runs`
 * (keyed by vendor, base URL and account instead of a file hash).
 */
import { createHash } from "node:crypto";
import type { IngestDeps } from "../../conversations/index.ts";
import type { ImportProgress, ImportSummary } from "../imports.service.ts";
import { DEFAULT_BATCH_SIZE } from "../imports.schemas.ts";
import type { ImportRecord } from "../records.ts";
import { runImport } from "../run-import.ts";
import { createApiClient, type ApiClient } from "./http.ts";
import {
  readChatwootApi,
  readFreshdeskApi,
  readZendeskApi,
  type ApiReadContext,
} from "./vendors.ts";

export const API_VENDORS = ["zendesk", "freshdesk", "chatwoot"] as const;
export type ApiVendor = (typeof API_VENDORS)[number];

export interface ApiImportOptions {
  vendor: ApiVendor;
  /** e.g. https://acme.zendesk.com, https://acme.freshdesk.com, https://app.chatwoot.com */
  baseUrl: string;
  token: string;
  /** Zendesk: the agent's e-mail for an API token (without it the token is sent as OAuth bearer). */
  email?: string | undefined;
  /** Chatwoot: the account id. */
  account?: string | undefined;
  source?: string | undefined;
  rejectsPath: string;
  restart?: boolean | undefined;
  batchSize?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Told of each rate-limit wait. */
  onWait?: ((seconds: number) => void) | undefined;
}

function authHeaders(opts: ApiImportOptions): Record<string, string> {
  const basic = (s: string) => `Basic ${Buffer.from(s).toString("base64")}`;
  switch (opts.vendor) {
    case "zendesk":
      return {
        authorization: opts.email
          ? basic(`${opts.email}/token:${opts.token}`)
          : `Bearer ${opts.token}`,
      };
    case "freshdesk":
      // Freshdesk takes the API key as the user name with any password.
      return { authorization: basic(`${opts.token}:X`) };
    case "chatwoot":
      return { api_access_token: opts.token };
  }
}

function vendorReader(
  opts: ApiImportOptions,
  client: ApiClient,
  ctx: ApiReadContext,
): AsyncIterable<ImportRecord> {
  if (opts.vendor === "zendesk") return readZendeskApi(client, ctx);
  if (opts.vendor === "freshdesk") return readFreshdeskApi(client, ctx);
  return readChatwootApi(client, opts.account ?? "", ctx);
}

export async function importApi(
  deps: IngestDeps,
  orgId: string,
  opts: ApiImportOptions,
  onProgress: (progress: ImportProgress) => void = () => {},
): Promise<ImportSummary> {
  const baseUrl = opts.baseUrl.replace(/\/+$/, "");
  const host = new URL(baseUrl).host;
  const key = createHash("sha256")
    .update(`api\n${opts.vendor}\n${baseUrl}\n${opts.account ?? ""}`)
    .digest("hex");
  const client = createApiClient({
    baseUrl,
    headers: authHeaders(opts),
    ...(opts.onWait ? { onWait: opts.onWait } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return runImport(
    deps,
    orgId,
    {
      format: opts.vendor,
      source: opts.source ?? opts.vendor,
      key,
      name: host,
      file: baseUrl,
      rejectsPath: opts.rejectsPath,
      restart: opts.restart ?? false,
      batchSize: opts.batchSize ?? DEFAULT_BATCH_SIZE,
      signal: opts.signal,
    },
    ({ skip, meter }) =>
      countRecords(
        vendorReader(opts, client, {
          source: opts.source ?? opts.vendor,
          skip,
          onTotal: (t) => (meter.totalBytes = t),
        }),
        meter,
      ),
    onProgress,
  );
}

/** The progress of an API import counts records, not bytes. */
async function* countRecords(
  records: AsyncIterable<ImportRecord>,
  meter: { bytesRead: number },
): AsyncGenerator<ImportRecord> {
  for await (const record of records) {
    meter.bytesRead++;
    yield record;
  }
}
