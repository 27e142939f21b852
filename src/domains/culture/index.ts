/** Culture: disrespect toward customers in internal notes, per team and week, for leaders, under the org's privacy rules. */
export { cultureRoutes } from "./culture.routes.ts";
export {
  disrespectByTeamWeek,
  getPrivacy,
  setPrivacy,
  DEFAULT_PRIVACY,
} from "./culture.service.ts";
