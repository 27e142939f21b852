/** Culture: disrespect toward customers in internal notes and chat channels, per team and week, for leaders, under the org's privacy rules. */
export { cultureRoutes } from "./culture.routes.ts";
export {
  disrespectByTeamWeek,
  getPrivacy,
  setPrivacy,
  DEFAULT_PRIVACY,
} from "./culture.service.ts";
export { ingestChannelMessages } from "./channels.service.ts";
export type { ChannelMessagesBody } from "./culture.schemas.ts";
