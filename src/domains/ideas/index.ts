/** The innovation box: ideas from employees, customer suggestions and agents' notes; votes, comments, statuses. */
export { ideasRoutes } from "./ideas.routes.ts";
export { mineIdeasJob } from "./ideas.jobs.ts";
export { mineConversations } from "./ideas.service.ts";
export { seedDemoIdeas } from "./demo.ts";
