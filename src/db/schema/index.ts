export * from "./orgs.ts";
export * from "./conversations.ts";
export * from "./jobs.ts";
export * from "./analysis.ts";
export * from "./channels.ts";
export * from "./reports.ts";
export * from "./throttles.ts";
export * from "./cases.ts";
