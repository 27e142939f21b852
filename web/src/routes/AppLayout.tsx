import { AppShell, Burger, Group, NavLink, ScrollArea, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Fragment, useEffect, useRef } from "react";
import { Navigate, NavLink as RouterNavLink, Outlet, useLocation } from "react-router";
import { ErrorState, LoadingState } from "../components/QueryState";
import { SkipLink } from "../components/SkipLink";
import {
  CAN_ANSWER_CHATS,
  CAN_VIEW_HANDOFF_QUALITY,
  CAN_VIEW_WIDGET_SETTINGS,
  CAN_MANAGE_API_KEYS,
  CAN_MANAGE_BACKUP,
  CAN_MANAGE_CHANNELS,
  CAN_MANAGE_SLA,
  CAN_VIEW_CASE_REPORTS,
  CAN_VIEW_INSIGHTS,
  CAN_VIEW_DASHBOARD,
  CAN_VIEW_SURVEYS,
  CAN_VIEW_EXEC_QUEUE,
  CAN_VIEW_PEOPLE,
  CAN_VIEW_REDACTION,
  hasRole,
} from "../features/auth/permissions";
import { useSessionQuery } from "../features/auth/use-session";
import { UserMenu } from "../features/auth/UserMenu";
import { CAN_VIEW_PROMISES_VENDORS } from "../features/insights-people/insights-people.api";
import type { Role } from "../lib/types";

interface NavItem {
  label: string;
  to: string;
  roles: readonly Role[] | "all";
}

const MAIN_ID = "main";

/** The main navigation in sections by the work they serve (the first has no heading). */
const MAIN_NAV: { heading: string | null; items: NavItem[] }[] = [
  {
    heading: null,
    items: [
      { label: "Dashboard", to: "/dashboard", roles: CAN_VIEW_DASHBOARD },
      { label: "My page", to: "/me", roles: ["agent"] },
      { label: "Conversations", to: "/conversations", roles: "all" },
      { label: "Inbox", to: "/inbox", roles: CAN_ANSWER_CHATS },
      { label: "Wallboard", to: "/wallboard", roles: ["admin", "leader", "exec"] },
      { label: "Knowledge base", to: "/kb", roles: "all" },
    ],
  },
  {
    heading: "Quality and coaching",
    items: [
      { label: "Quality", to: "/qa", roles: "all" },
      { label: "Handoff quality", to: "/handoff-quality", roles: CAN_VIEW_HANDOFF_QUALITY },
      { label: "Assist rules", to: "/assist-library", roles: ["admin", "leader"] },
      { label: "Best practices", to: "/best-practices", roles: "all" },
    ],
  },
  {
    heading: "Customers",
    items: [
      { label: "Voice of the customer", to: "/voc", roles: CAN_VIEW_SURVEYS },
      { label: "Surveys", to: "/surveys", roles: CAN_VIEW_SURVEYS },
      { label: "Follow-ups", to: "/follow-ups", roles: CAN_VIEW_SURVEYS },
      { label: "Cases", to: "/cases", roles: "all" },
      { label: "Executive queue", to: "/executive-queue", roles: CAN_VIEW_EXEC_QUEUE },
      { label: "Case reports", to: "/case-reports", roles: CAN_VIEW_CASE_REPORTS },
    ],
  },
  {
    heading: "Insights",
    items: [
      { label: "Contact reasons", to: "/insights", roles: CAN_VIEW_INSIGHTS },
      { label: "Fixes", to: "/fixes", roles: CAN_VIEW_INSIGHTS },
      { label: "Promises", to: "/promises", roles: CAN_VIEW_PROMISES_VENDORS },
      { label: "Vendors", to: "/vendors", roles: CAN_VIEW_PROMISES_VENDORS },
      { label: "Personas", to: "/personas", roles: "all" },
    ],
  },
  {
    heading: "People and culture",
    items: [
      { label: "People", to: "/people", roles: CAN_VIEW_DASHBOARD },
      { label: "Recognition", to: "/recognition", roles: "all" },
      { label: "Ideas", to: "/ideas", roles: "all" },
      { label: "Culture", to: "/culture", roles: ["admin", "leader"] },
    ],
  },
];

const SETTINGS_NAV: NavItem[] = [
  { label: "Users", to: "/settings/users", roles: CAN_VIEW_PEOPLE },
  { label: "Teams", to: "/settings/teams", roles: CAN_VIEW_PEOPLE },
  { label: "API keys", to: "/settings/api-keys", roles: CAN_MANAGE_API_KEYS },
  { label: "Redaction", to: "/settings/redaction", roles: CAN_VIEW_REDACTION },
  { label: "Mailboxes", to: "/settings/mailboxes", roles: CAN_MANAGE_CHANNELS },
  { label: "Webhook sources", to: "/settings/webhook-sources", roles: CAN_MANAGE_CHANNELS },
  { label: "Backup", to: "/settings/backup", roles: CAN_MANAGE_BACKUP },
  { label: "SLA policies", to: "/settings/sla-policies", roles: CAN_MANAGE_SLA },
  { label: "Chat widget", to: "/settings/chat-widget", roles: CAN_VIEW_WIDGET_SETTINGS },
];

function visible(items: NavItem[], role: Role): NavItem[] {
  return items.filter((item) => item.roles === "all" || hasRole(role, item.roles));
}

export function AppLayout() {
  const session = useSessionQuery();
  const location = useLocation();
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const mainRef = useRef<HTMLElement>(null);
  const shownPath = useRef(location.pathname);

  // A new page moves focus to its content, as a page load would put a screen reader at the top; without
  // this, focus stays on the link that was activated (or is lost when that link disappears). Filter and
  // paging changes keep the path and leave focus where it is.
  useEffect(() => {
    if (shownPath.current === location.pathname) return;
    shownPath.current = location.pathname;
    mainRef.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  if (session.isPending) return <LoadingState label="Loading Rapport…" />;
  if (session.isError) {
    return (
      <ErrorState
        error={session.error}
        title="Could not load your session"
        onRetry={() => void session.refetch()}
      />
    );
  }
  if (!session.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }

  const { role, org } = session.data;
  const sections = [
    ...MAIN_NAV.map((section) => ({ ...section, items: visible(section.items, role) })),
    { heading: "Settings", items: visible(SETTINGS_NAV, role) },
  ].filter((section) => section.items.length > 0);

  function renderLink(item: NavItem) {
    return (
      <NavLink
        key={item.to}
        component={RouterNavLink}
        to={item.to}
        label={item.label}
        onClick={closeNav}
        // RouterNavLink sets aria-current="page"; mirror it in Mantine's active styling.
        active={location.pathname === item.to || location.pathname.startsWith(`${item.to}/`)}
      />
    );
  }

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !navOpened } }}
      padding="md"
    >
      <SkipLink targetId={MAIN_ID} />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={toggleNav}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpened ? "Close navigation" : "Open navigation"}
            />
            <Title order={2} size="h4" c="indigo.7">
              Rapport
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="xs" truncate>
              {org.name}
            </Text>
          </Group>
          <UserMenu session={session.data} />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2}>
            {sections.map((section) => (
              <Fragment key={section.heading ?? ""}>
                {section.heading && (
                  <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4}>
                    {section.heading}
                  </Text>
                )}
                {section.items.map(renderLink)}
              </Fragment>
            ))}
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>
      {/* Focusable from script only (skip link, page changes); it is not a control, so no focus ring. */}
      <AppShell.Main id={MAIN_ID} ref={mainRef} tabIndex={-1} style={{ outline: "none" }}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
