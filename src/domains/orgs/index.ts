/** Organizations and their directory: teams, users and roles, agents, API keys, audit log. */
export {
  createApiKey,
  createOrg,
  createTeam,
  createUser,
  deleteTeam,
  findOrgBySlug,
  listAgents,
  listTeams,
  recordAudit,
  requireOrgBySlug,
  revokeApiKey,
  updateUser,
  type Actor,
} from "./orgs.service.ts";
export { orgsRoutes } from "./orgs.routes.ts";
export { findOrgSettings, mergeOrgSetting, setOrgSetting } from "./orgs.repo.ts";
/** Members with role and team (the assist wallboard routes alerts to team leads). */
export { findMember, listMembers } from "./orgs.repo.ts";
