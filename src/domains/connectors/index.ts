/** Connectors: generic signed webhooks for chat and social platforms, and the redaction settings. */
export { connectorsRoutes } from "./connectors.routes.ts";
export {
  createWebhookSource,
  deleteWebhookSource,
  getRedactionSettings,
  listWebhookSources,
  purgeWebhookDeliveries,
  receiveWebhook,
  updateRedactionSettings,
  WEBHOOK_MAX_BYTES,
  type ConnectorDeps,
} from "./connectors.service.ts";
export { PURGE_DELIVERIES_JOB, purgeWebhookDeliveriesJob } from "./connectors.jobs.ts";
export { applyMapping, WebhookMappingSchema, type WebhookMapping } from "./mapping.ts";
export { signBody, signDelivery, WEBHOOK_TOLERANCE_SECONDS } from "./signature.ts";
