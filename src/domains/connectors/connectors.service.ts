import { createHash, createHmac } from "node:crypto";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import { isUnsafeText, UNSAFE_TEXT_MESSAGE } from "../../lib/input-hygiene.ts";
import type { Queue } from "../../jobs/queue.ts";
import { processSecretBox, type SecretBox } from "../../lib/secret-box.ts";
import {
  getRedactionSettings,
  IngestConversationSchema,
  type IngestConversation,
  ingestConversations,
  type RedactionSettings,
} from "../conversations/index.ts";
import type {
  CreateWebhookSourceBody,
  UpdateWebhookSourceBody,
  WebhookAccepted,
} from "./connectors.schemas.ts";
import { setOrgSetting } from "../orgs/index.ts";
import * as repo from "./connectors.repo.ts";
import { applyMapping, MappingError, readDeliveryId, WebhookMappingSchema } from "./mapping.ts";
import { checkSignature, generateWebhookSecret, type SignatureHeaders } from "./signature.ts";

/** Largest webhook delivery accepted: one conversation's worth of chat, with room to spare. */
export const WEBHOOK_MAX_BYTES = 512 * 1024;

/** Delivery ids are kept this long: far beyond the ±5 minute window, and for body-only signatures. */
export const DELIVERY_RETENTION_MS = 7 * 24 * 3_600_000;

export interface ConnectorDeps {
  db: Db;
  queue: Queue;
  /** Seals signing secrets; defaults to the process-wide box (RAPPORT_SECRET_KEY or the data dir key). */
  box?: SecretBox;
}

/** The box of the deps, else the process-wide one. */
const secretBox = (deps: ConnectorDeps): SecretBox => deps.box ?? processSecretBox();

// ---- Redaction settings ----

export { getRedactionSettings };

/** Replaces the redaction settings (fields left out take their defaults). Applies to messages ingested from now on. */
export async function updateRedactionSettings(
  db: Db,
  orgId: string,
  settings: RedactionSettings,
): Promise<RedactionSettings> {
  await setOrgSetting(db, orgId, "redaction", settings);
  return getRedactionSettings(db, orgId);
}

// ---- Webhook sources ----

const receivePath = (id: string) => `/api/v1/webhooks/${id}`;

function present(row: Awaited<ReturnType<typeof repo.listWebhookSources>>[number]) {
  return { ...row, createdAt: row.createdAt.toISOString(), url: receivePath(row.id) };
}

export async function listWebhookSources(db: Db, orgId: string) {
  return (await repo.listWebhookSources(db, orgId)).map(present);
}

/** Creates a source and returns its signing secret, the only time it is ever returned. */
export async function createWebhookSource(
  deps: ConnectorDeps,
  orgId: string,
  body: CreateWebhookSourceBody,
) {
  const taken = () =>
    new AppError("WEBHOOK_SOURCE_TAKEN", {
      message: `source: '${body.source}' is used by another webhook source`,
    });
  if (await repo.findWebhookSourceBySource(deps.db, orgId, body.source)) throw taken();
  const secret = generateWebhookSecret();
  const row = await repo.insertWebhookSource(deps.db, {
    orgId,
    name: body.name,
    source: body.source,
    secretEnc: secretBox(deps).seal(secret),
    mapping: body.mapping,
  });
  if (!row) throw taken();
  return { ...present(row), secret };
}

/** Renames, re-maps, disables or enables a source; its URL, source name and secret stay. */
export async function updateWebhookSource(
  db: Db,
  orgId: string,
  id: string,
  body: UpdateWebhookSourceBody,
) {
  const row = await repo.updateWebhookSource(db, orgId, id, {
    ...(body.name === undefined ? {} : { name: body.name }),
    ...(body.mapping === undefined ? {} : { mapping: body.mapping }),
    ...(body.enabled === undefined ? {} : { enabled: body.enabled }),
  });
  if (!row) {
    throw new AppError("WEBHOOK_SOURCE_NOT_FOUND", {
      message: "No such webhook source in this organization",
    });
  }
  return present(row);
}

export async function deleteWebhookSource(db: Db, orgId: string, id: string): Promise<void> {
  if (!(await repo.deleteWebhookSource(db, orgId, id))) {
    throw new AppError("WEBHOOK_SOURCE_NOT_FOUND", {
      message: "No such webhook source in this organization",
    });
  }
}

// ---- Receiving deliveries ----

export interface Delivery {
  headers: SignatureHeaders & { deliveryId?: string | undefined };
  body: Uint8Array;
}

// One answer for an unknown source, a disabled one and a wrong signature: the route does not
// reveal which source ids exist.
const signatureInvalid = () =>
  new AppError("WEBHOOK_SIGNATURE_INVALID", {
    message: "Signature missing or invalid for this webhook source",
  });
const DUMMY_SECRET = "whsec_unknown-source-timing-equaliser";

function describeItemIssue(issues: { path: PropertyKey[]; message: string }[]): string {
  const issue = issues[0];
  if (!issue) return "invalid conversation";
  const where = issue.path
    .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
    .join("")
    .replace(/^\./, "");
  return `${where || "item"}: ${issue.message}`;
}

/**
 * Verifies, de-duplicates, maps and ingests one webhook delivery. The delivery id and the
 * conversation commit together, so a delivery refused for its content can be sent again.
 */
export async function receiveWebhook(
  deps: ConnectorDeps,
  sourceId: string,
  delivery: Delivery,
  now = new Date(),
): Promise<WebhookAccepted> {
  if (delivery.body.byteLength > WEBHOOK_MAX_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", {
      message: `body: larger than ${WEBHOOK_MAX_BYTES} bytes`,
    });
  }
  const source = await repo.findWebhookSourceForDelivery(deps.db, sourceId);
  if (!source || !source.enabled) {
    createHmac("sha256", DUMMY_SECRET).update(delivery.body).digest();
    throw signatureInvalid();
  }
  const mappingParsed = WebhookMappingSchema.safeParse(source.mapping);
  if (!mappingParsed.success) {
    throw new AppError("INTERNAL", {
      message: "stored webhook mapping is invalid",
      cause: mappingParsed.error,
    });
  }
  const mapping = mappingParsed.data;
  const secret = secretBox(deps).open(source.secretEnc);
  const check = checkSignature(
    mapping.signature,
    secret,
    delivery.headers,
    delivery.body,
    Math.floor(now.getTime() / 1000),
  );
  if (check === "invalid") throw signatureInvalid();
  if (check === "stale") {
    throw new AppError("WEBHOOK_TIMESTAMP_STALE", {
      message: "X-Rapport-Timestamp is more than 5 minutes from the server clock",
    });
  }

  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(delivery.body).toString("utf8"));
  } catch {
    throw new AppError("MALFORMED_JSON", { message: "body: not valid JSON" });
  }
  let item: Record<string, unknown>;
  let deliveryId: string | undefined;
  try {
    item = applyMapping(mapping, source.source, payload);
    deliveryId = delivery.headers.deliveryId?.trim() || readDeliveryId(mapping, payload);
  } catch (err) {
    if (err instanceof MappingError)
      throw new AppError("WEBHOOK_MAPPING_FAILED", { message: err.message });
    throw err;
  }
  // The signed material itself identifies a delivery whatever id comes with it: X-Rapport-Delivery is
  // not signed, so a captured delivery re-sent with a new or no id must still be caught. Within the
  // timestamp window the same signed bytes give the same digest; outside it they are stale. With a
  // body-only signature the timestamp is not signed, so the digest is of the body alone.
  const signed = createHash("sha256");
  if (mapping.signature === "rapport")
    signed.update(`${delivery.headers.timestamp?.trim() ?? ""}.`);
  const digestKey = `sha256:${signed.update(delivery.body).digest("hex")}`;
  if (deliveryId && deliveryId.length > 200)
    throw new AppError("VALIDATION_FAILED", {
      message: "X-Rapport-Delivery: longer than 200 characters",
    });
  if (deliveryId && isUnsafeText(deliveryId))
    throw new AppError("VALIDATION_FAILED", {
      message: `delivery id: ${UNSAFE_TEXT_MESSAGE}`,
    });

  const valid = IngestConversationSchema.safeParse(item);
  if (!valid.success) {
    throw new AppError("WEBHOOK_MAPPING_FAILED", {
      message: `mapped conversation is invalid: ${describeItemIssue(valid.error.issues)}`,
    });
  }

  const keys = deliveryId ? [digestKey, deliveryId] : [digestKey];
  try {
    return await storeDelivery(deps, source, keys, valid.data);
  } catch (err) {
    if (err === DUPLICATE) return { status: "duplicate" as const };
    throw err;
  }
}

/** Thrown inside the transaction so that a duplicate records nothing (not even its other key). */
const DUPLICATE = Symbol("duplicate delivery");

async function storeDelivery(
  deps: ConnectorDeps,
  source: { id: string; orgId: string },
  keys: string[],
  item: IngestConversation,
): Promise<WebhookAccepted> {
  return deps.db.transaction(async (tx) => {
    for (const key of keys) {
      if (!(await repo.recordDelivery(tx, source.orgId, source.id, key))) throw DUPLICATE;
    }
    const [result] = await ingestConversations({ db: tx, queue: deps.queue }, source.orgId, [item]);
    if (!result || result.status === "rejected") {
      // Rolls the delivery id back with everything else.
      throw new AppError("WEBHOOK_MAPPING_FAILED", {
        message: result?.error?.message ?? "conversation rejected",
      });
    }
    return { status: result.status, ...(result.id ? { conversationId: result.id } : {}) };
  });
}

/** Forgets delivery ids older than the retention period. */
export async function purgeWebhookDeliveries(db: Db, now = new Date()): Promise<number> {
  return repo.deleteDeliveriesBefore(db, new Date(now.getTime() - DELIVERY_RETENTION_MS));
}
