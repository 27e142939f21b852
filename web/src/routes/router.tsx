import { lazy, Suspense, type ReactNode } from "react";
import { Navigate, createBrowserRouter } from "react-router";
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
import { AppLayout } from "./AppLayout";
import { ConversationPage } from "./ConversationPage";
import { ConversationsPage } from "./ConversationsPage";
import { LoginPage } from "./LoginPage";
import { NotFoundPage } from "./NotFoundPage";
import { RequireRole } from "./RequireRole";
import { RouteError } from "./RouteError";
import { SetupPage } from "./SetupPage";

// Charts (recharts) are the heaviest dependency: load them only when the dashboard is opened.
import { CAN_VIEW_PROMISES_VENDORS } from "../features/insights-people/insights-people.api";
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

function HomeRedirect() {
  const session = useSession();
  return <Navigate to={homePathFor(session.role)} replace />;
}

export const router = createBrowserRouter([
  { path: "/login", element: <LoginPage />, errorElement: <RouteError /> },
  { path: "/setup", element: <SetupPage />, errorElement: <RouteError /> },
  {
    path: "/",
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        path: "dashboard",
        element: (
          <RequireRole allowed={CAN_VIEW_DASHBOARD}>
            <Lazy>
              <DashboardPage />
            </Lazy>
          </RequireRole>
        ),
      },
      { path: "conversations", element: <ConversationsPage /> },
      { path: "conversations/:id", element: <ConversationPage /> },
      {
        path: "qa",
        element: (
          <Lazy>
            <QaPage />
          </Lazy>
        ),
      },
      {
        path: "qa/scorecards",
        element: (
          <RequireRole allowed={CAN_BUILD_SCORECARDS}>
            <Lazy>
              <ScorecardsPage />
            </Lazy>
          </RequireRole>
        ),
      },
      ...(
        [
          ["insights", <InsightsPage key="i" />],
          ["fixes", <FixesPage key="f" />],
        ] as const
      ).map(([path, page]) => ({
        path,
        element: (
          <RequireRole allowed={CAN_VIEW_INSIGHTS}>
            <Lazy>{page}</Lazy>
          </RequireRole>
        ),
      })),
      {
        path: "recognition",
        element: (
          <Lazy>
            <RecognitionPage />
          </Lazy>
        ),
      },
      {
        path: "ideas",
        element: (
          <Lazy>
            <IdeasPage />
          </Lazy>
        ),
      },
      {
        path: "best-practices",
        element: (
          <Lazy>
            <BestPracticesPage />
          </Lazy>
        ),
      },
      {
        path: "culture",
        element: (
          <RequireRole allowed={["admin", "leader"]}>
            <Lazy>
              <CulturePage />
            </Lazy>
          </RequireRole>
        ),
      },
      {
        path: "cases",
        element: (
          <Lazy>
            <CasesPage />
          </Lazy>
        ),
      },
      {
        path: "people",
        element: (
          <RequireRole allowed={CAN_VIEW_DASHBOARD}>
            <Lazy>
              <PeoplePage />
            </Lazy>
          </RequireRole>
        ),
      },
      {
        path: "me",
        element: (
          <Lazy>
            <MePage />
          </Lazy>
        ),
      },
      {
        path: "cases/:id",
        element: (
          <Lazy>
            <CasePage />
          </Lazy>
        ),
      },
      {
        path: "executive-queue",
        element: (
          <RequireRole allowed={CAN_VIEW_EXEC_QUEUE}>
            <Lazy>
              <ExecutiveQueuePage />
            </Lazy>
          </RequireRole>
        ),
      },
      ...(
        [
          ["surveys", <SurveysPage key="s" />],
          ["follow-ups", <FollowUpsPage key="f" />],
          ["voc", <VocPage key="v" />],
        ] as const
      ).map(([path, page]) => ({
        path,
        element: (
          <RequireRole allowed={CAN_VIEW_SURVEYS}>
            <Lazy>{page}</Lazy>
          </RequireRole>
        ),
      })),
      ...(
        [
          ["promises", <PromisesPage key="promises" />],
          ["vendors", <VendorsPage key="vendors" />],
        ] as const
      ).map(([path, page]) => ({
        path,
        element: (
          <RequireRole allowed={CAN_VIEW_PROMISES_VENDORS}>
            <Lazy>{page}</Lazy>
          </RequireRole>
        ),
      })),
      {
        path: "personas",
        element: (
          <Lazy>
            <PersonasPage />
          </Lazy>
        ),
      },
      {
        path: "case-reports",
        element: (
          <RequireRole allowed={CAN_VIEW_CASE_REPORTS}>
            <Lazy>
              <CaseReportsPage />
            </Lazy>
          </RequireRole>
        ),
      },
      {
        path: "inbox",
        element: (
          <RequireRole allowed={CAN_ANSWER_CHATS}>
            <Lazy>
              <InboxPage />
            </Lazy>
          </RequireRole>
        ),
      },
      {
        path: "handoff-quality",
        element: (
          <RequireRole allowed={CAN_VIEW_HANDOFF_QUALITY}>
            <Lazy>
              <HandoffReportPage />
            </Lazy>
          </RequireRole>
        ),
      },
      {
        path: "settings/chat-widget",
        element: (
          <RequireRole allowed={CAN_VIEW_WIDGET_SETTINGS}>
            <Lazy>
              <WidgetSettingsPage />
            </Lazy>
          </RequireRole>
        ),
      },
      {
        path: "settings/sla-policies",
        element: (
          <RequireRole allowed={CAN_MANAGE_SLA}>
            <Lazy>
              <SlaPoliciesPage />
            </Lazy>
          </RequireRole>
        ),
      },
      { path: "settings", element: <Navigate to="/settings/users" replace /> },
      {
        path: "settings/users",
        element: (
          <RequireRole allowed={CAN_VIEW_PEOPLE}>
            <Lazy>
              <UsersPage />
            </Lazy>
          </RequireRole>
        ),
      },
      {
        path: "settings/teams",
        element: (
          <RequireRole allowed={CAN_VIEW_PEOPLE}>
            <Lazy>
              <TeamsPage />
            </Lazy>
          </RequireRole>
        ),
      },
      {
        path: "settings/api-keys",
        element: (
          <RequireRole allowed={CAN_MANAGE_API_KEYS}>
            <Lazy>
              <ApiKeysPage />
            </Lazy>
          </RequireRole>
        ),
      },
      {
        path: "settings/redaction",
        element: (
          <RequireRole allowed={CAN_VIEW_REDACTION}>
            <Lazy>
              <RedactionPage />
            </Lazy>
          </RequireRole>
        ),
      },
      {
        path: "settings/mailboxes",
        element: (
          <RequireRole allowed={CAN_MANAGE_CHANNELS}>
            <Lazy>
              <MailboxesPage />
            </Lazy>
          </RequireRole>
        ),
      },
      {
        path: "settings/webhook-sources",
        element: (
          <RequireRole allowed={CAN_MANAGE_CHANNELS}>
            <Lazy>
              <WebhookSourcesPage />
            </Lazy>
          </RequireRole>
        ),
      },
      {
        path: "settings/backup",
        element: (
          <RequireRole allowed={CAN_MANAGE_BACKUP}>
            <Lazy>
              <BackupPage />
            </Lazy>
          </RequireRole>
        ),
      },
      {
        path: "assist/:ref",
        element: (
          <Lazy>
            <AssistLivePage />
          </Lazy>
        ),
      },
      {
        path: "kb",
        element: (
          <Lazy>
            <KnowledgePage />
          </Lazy>
        ),
      },
      {
        path: "wallboard",
        element: (
          <RequireRole allowed={["admin", "leader", "exec"]}>
            <Lazy>
              <WallboardPage />
            </Lazy>
          </RequireRole>
        ),
      },
      {
        path: "assist-library",
        element: (
          <RequireRole allowed={["admin", "leader"]}>
            <Lazy>
              <AssistLibraryPage />
            </Lazy>
          </RequireRole>
        ),
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
