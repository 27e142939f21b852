import { lazy, Suspense, type ReactNode } from "react";
import { Navigate, createBrowserRouter, type RouteObject } from "react-router";
import { LoadingState } from "../components/QueryState";
import {
  CAN_MANAGE_API_KEYS,
  CAN_MANAGE_BACKUP,
  CAN_MANAGE_CHANNELS,
  CAN_MANAGE_SLA,
  CAN_VIEW_CASE_REPORTS,
  CAN_VIEW_INSIGHTS,
  CAN_VIEW_DASHBOARD,
  CAN_VIEW_EXEC_QUEUE,
  CAN_VIEW_PEOPLE,
  CAN_VIEW_REDACTION,
  CAN_VIEW_SURVEYS,
  CAN_ANSWER_CHATS,
  CAN_VIEW_HANDOFF_QUALITY,
  CAN_VIEW_WIDGET_SETTINGS,
  homePathFor,
} from "../features/auth/permissions";
import { useSession } from "../features/auth/use-session";
import { CAN_BUILD_SCORECARDS } from "../features/qa/permissions";
import type { Role } from "../lib/types";
import { AppLayout } from "./AppLayout";
import { ConversationPage } from "./ConversationPage";
import { ConversationsPage } from "./ConversationsPage";
import { LoginPage } from "./LoginPage";
import { NotFoundPage } from "./NotFoundPage";
import { RequireRole } from "./RequireRole";
import { RouteError } from "./RouteError";
import { SetupPage } from "./SetupPage";

import { CAN_VIEW_PROMISES_VENDORS } from "../features/insights-people/insights-people.api";

// Charts (recharts) are the heaviest dependency: pages load when they are first opened.
const DashboardPage = lazy(() => import("./DashboardPage"));
const UsersPage = lazy(() => import("./UsersPage"));
const TeamsPage = lazy(() => import("./TeamsPage"));
const ApiKeysPage = lazy(() => import("./ApiKeysPage"));
const RedactionPage = lazy(() => import("./RedactionPage"));
const MailboxesPage = lazy(() => import("./MailboxesPage"));
const WebhookSourcesPage = lazy(() => import("./WebhookSourcesPage"));
const BackupPage = lazy(() => import("./BackupPage"));
const QaPage = lazy(() => import("./QaPage"));
const ScorecardsPage = lazy(() => import("./ScorecardsPage"));
const SurveysPage = lazy(() => import("./SurveysPage"));
const FollowUpsPage = lazy(() => import("./FollowUpsPage"));
const VocPage = lazy(() => import("./VocPage"));
const CasesPage = lazy(() => import("./CasesPage"));
const InsightsPage = lazy(() => import("./InsightsPage"));
const FixesPage = lazy(() => import("./FixesPage"));
const ExecutiveQueuePage = lazy(() =>
  import("./CasesPage").then((m) => ({ default: m.ExecutiveQueuePage })),
);
const CasePage = lazy(() => import("./CasePage"));
const CaseReportsPage = lazy(() => import("./CaseReportsPage"));
const PromisesPage = lazy(() => import("./PromisesPage"));
const VendorsPage = lazy(() => import("./VendorsPage"));
const PersonasPage = lazy(() => import("./PersonasPage"));
const SlaPoliciesPage = lazy(() => import("./SlaPoliciesPage"));
const InboxPage = lazy(() => import("./InboxPage"));
const HandoffReportPage = lazy(() => import("./HandoffReportPage"));
const WidgetSettingsPage = lazy(() => import("./WidgetSettingsPage"));
const AssistLivePage = lazy(() => import("./AssistLivePage"));
const WallboardPage = lazy(() => import("./WallboardPage"));
const KnowledgePage = lazy(() => import("./KnowledgePage"));
const AssistLibraryPage = lazy(() => import("./AssistLibraryPage"));
const PeoplePage = lazy(() => import("./PeoplePage"));
const MePage = lazy(() => import("./MePage"));
const RecognitionPage = lazy(() => import("./RecognitionPage"));
const IdeasPage = lazy(() => import("./IdeasPage"));
const CulturePage = lazy(() => import("./CulturePage"));
const BestPracticesPage = lazy(() => import("./BestPracticesPage"));

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<LoadingState />}>{children}</Suspense>;
}

/** A page loaded when first opened, behind RequireRole when only some roles may open it. */
function page(path: string, element: ReactNode, allowed?: readonly Role[]): RouteObject {
  const loaded = <Lazy>{element}</Lazy>;
  return {
    path,
    element: allowed ? <RequireRole allowed={allowed}>{loaded}</RequireRole> : loaded,
  };
}

function HomeRedirect() {
  const session = useSession();
  return <Navigate to={homePathFor(session.role)} replace />;
}

const LEADERS: readonly Role[] = ["admin", "leader"];

export const router = createBrowserRouter([
  { path: "/login", element: <LoginPage />, errorElement: <RouteError /> },
  { path: "/setup", element: <SetupPage />, errorElement: <RouteError /> },
  {
    path: "/",
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomeRedirect /> },
      page("dashboard", <DashboardPage />, CAN_VIEW_DASHBOARD),
      { path: "conversations", element: <ConversationsPage /> },
      { path: "conversations/:id", element: <ConversationPage /> },
      page("qa", <QaPage />),
      page("qa/scorecards", <ScorecardsPage />, CAN_BUILD_SCORECARDS),
      page("insights", <InsightsPage />, CAN_VIEW_INSIGHTS),
      page("fixes", <FixesPage />, CAN_VIEW_INSIGHTS),
      page("recognition", <RecognitionPage />),
      page("ideas", <IdeasPage />),
      page("best-practices", <BestPracticesPage />),
      page("culture", <CulturePage />, LEADERS),
      page("cases", <CasesPage />),
      page("people", <PeoplePage />, CAN_VIEW_DASHBOARD),
      page("me", <MePage />),
      page("cases/:id", <CasePage />),
      page("executive-queue", <ExecutiveQueuePage />, CAN_VIEW_EXEC_QUEUE),
      page("surveys", <SurveysPage />, CAN_VIEW_SURVEYS),
      page("follow-ups", <FollowUpsPage />, CAN_VIEW_SURVEYS),
      page("voc", <VocPage />, CAN_VIEW_SURVEYS),
      page("promises", <PromisesPage />, CAN_VIEW_PROMISES_VENDORS),
      page("vendors", <VendorsPage />, CAN_VIEW_PROMISES_VENDORS),
      page("personas", <PersonasPage />),
      page("case-reports", <CaseReportsPage />, CAN_VIEW_CASE_REPORTS),
      page("inbox", <InboxPage />, CAN_ANSWER_CHATS),
      page("handoff-quality", <HandoffReportPage />, CAN_VIEW_HANDOFF_QUALITY),
      page("settings/chat-widget", <WidgetSettingsPage />, CAN_VIEW_WIDGET_SETTINGS),
      page("settings/sla-policies", <SlaPoliciesPage />, CAN_MANAGE_SLA),
      { path: "settings", element: <Navigate to="/settings/users" replace /> },
      page("settings/users", <UsersPage />, CAN_VIEW_PEOPLE),
      page("settings/teams", <TeamsPage />, CAN_VIEW_PEOPLE),
      page("settings/api-keys", <ApiKeysPage />, CAN_MANAGE_API_KEYS),
      page("settings/redaction", <RedactionPage />, CAN_VIEW_REDACTION),
      page("settings/mailboxes", <MailboxesPage />, CAN_MANAGE_CHANNELS),
      page("settings/webhook-sources", <WebhookSourcesPage />, CAN_MANAGE_CHANNELS),
      page("settings/backup", <BackupPage />, CAN_MANAGE_BACKUP),
      page("assist/:ref", <AssistLivePage />),
      page("kb", <KnowledgePage />),
      page("wallboard", <WallboardPage />, ["admin", "leader", "exec"]),
      page("assist-library", <AssistLibraryPage />, LEADERS),
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
