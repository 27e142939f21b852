/** Authentication: sessions, API keys, passwords. */
export {
  API_KEY_PREFIX,
  SESSION_COOKIE,
  changePassword,
  deleteExpiredSessions,
  generateApiKey,
  getMe,
  login,
  logout,
  resolveApiKey,
  resolveSession,
} from "./auth.service.ts";
export { hashPassword, verifyPassword } from "./password.ts";
export { authRoutes } from "./auth.routes.ts";
