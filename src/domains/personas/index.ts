/**
 * Personas from evidence: customer segments clustered from behaviour. For report and survey
 * segments, join `customer_personas` (org_id, customer_id → persona_id) to the rows' customer_id.
 */
export { personasRoutes } from "./personas.routes.ts";
export { recomputePersonasJob, RECOMPUTE_EVERY_MS } from "./personas.jobs.ts";
export { recomputePersonas, listPersonaCards, customerPersona } from "./personas.service.ts";
