export * from "./orgs.ts";
export * from "./conversations.ts";
export * from "./jobs.ts";
