import type { ApiScope, RoleName } from "../db/schema/index.ts";

/**
 * Who is acting: a signed-in user (session) or an integration (API key). Transport-neutral:
 * services take it to decide what a caller may see and do; `src/http` and `src/ws` build it.
 */
export type Principal =
  | {
      kind: "session";
      orgId: string;
      userId: string;
      role: RoleName;
      sessionId: string;
      csrfToken: string;
    }
  | { kind: "apikey"; orgId: string; apiKeyId: string; scopes: ApiScope[] };
