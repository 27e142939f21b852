import type { ReactNode } from "react";
import { hasRole } from "../features/auth/permissions";
import { useSession } from "../features/auth/use-session";
import type { Role } from "../lib/types";
import { EmptyMessage } from "../components/QueryState";

interface Props {
  allowed: readonly Role[];
  children: ReactNode;
}

/** Hides a page from roles that cannot use it; the server still enforces the same rule with 403. */
export function RequireRole({ allowed, children }: Props) {
  const session = useSession();
  if (!hasRole(session.role, allowed)) {
    return (
      <EmptyMessage title="You do not have access to this page">
        Your role does not include it. Ask an admin if you need it.
      </EmptyMessage>
    );
  }
  return <>{children}</>;
}
