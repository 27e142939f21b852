import { ConversationsChangedSchema } from "../conversations/index.ts";
import { defineJob } from "../../jobs/worker.ts";
import { mineConversations } from "./ideas.service.ts";

/** The `conversations.changed` listener: suggestions and idea notes become candidate ideas. */
export const mineIdeasJob = defineJob({
  name: "ideas.mine-suggestions",
  payload: ConversationsChangedSchema,
  async handle(payload, { db, logger }) {
    const added = await mineConversations(db, payload.orgId, payload.conversationIds);
    if (added > 0) logger.info({ orgId: payload.orgId, added }, "mined candidate ideas");
  },
});
