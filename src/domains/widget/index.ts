/**
 * The chat widget and its handoff: the public widget API and script, the bot that answers from
 * the knowledge base, the agent inbox with queues and assignment, and handoff-quality measures.
 */
export { widgetRoutes, WIDGET_TOKEN_HEADER } from "./widget.routes.ts";
export { widgetScriptRoutes, loadWidgetScript } from "./widget-script.routes.ts";
export { inboxRoutes } from "./inbox.routes.ts";
export { seedDemoWidget } from "./demo-widget.ts";
export { getWidgetSettings, setWidgetSettings } from "./widget-settings.service.ts";
export { WIDGET_SOURCE, type KnowledgeSearch } from "./widget.service.ts";
