import { Anchor, Tabs } from "@mantine/core";
import { Link, useSearchParams } from "react-router";
import { PageHeader } from "../components/PageHeader";
import { hasRole } from "../features/auth/permissions";
import { useSession } from "../features/auth/use-session";
import { CalibrationView } from "../features/qa/Calibration";
import { CoachingList } from "../features/qa/CoachingList";
import { CAN_BUILD_SCORECARDS, CAN_REVIEW } from "../features/qa/permissions";
import { QaReports } from "../features/qa/QaReports";
import { DisputeList, ReviewQueue } from "../features/qa/QueueAndDisputes";

const TABS = ["queue", "disputes", "calibration", "coaching", "reports"];
const REVIEWER_TABS = ["queue", "calibration"];

/** Quality assurance: the review queue, disputes, calibration and the QA reports. */
export default function QaPage() {
  const session = useSession();
  const reviewer = hasRole(session.role, CAN_REVIEW);
  // The open tab is in the address (`/qa?tab=calibration`), so emails and bookmarks open it.
  const [params, setParams] = useSearchParams();
  const tabs = reviewer ? TABS : TABS.filter((t) => !REVIEWER_TABS.includes(t));
  const first = tabs[0]!;
  const asked = params.get("tab");
  const tab = tabs.find((t) => t === asked) ?? first;
  const open = (value: string | null) =>
    setParams(value && value !== first ? { tab: value } : {}, { replace: true });
  return (
    <>
      <PageHeader
        title="Quality"
        description="Automatic QA on every conversation, reviews, disputes and calibration"
        actions={
          hasRole(session.role, CAN_BUILD_SCORECARDS) ? (
            <Anchor component={Link} to="/qa/scorecards">
              Scorecards
            </Anchor>
          ) : undefined
        }
      />
      <Tabs value={tab} onChange={open} keepMounted={false}>
        <Tabs.List>
          {reviewer && <Tabs.Tab value="queue">Review queue</Tabs.Tab>}
          <Tabs.Tab value="disputes">Disputes</Tabs.Tab>
          {reviewer && <Tabs.Tab value="calibration">Calibration</Tabs.Tab>}
          <Tabs.Tab value="coaching">Coaching</Tabs.Tab>
          <Tabs.Tab value="reports">Reports</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="queue" pt="md">
          <ReviewQueue />
        </Tabs.Panel>
        <Tabs.Panel value="disputes" pt="md">
          <DisputeList />
        </Tabs.Panel>
        <Tabs.Panel value="calibration" pt="md">
          <CalibrationView />
        </Tabs.Panel>
        <Tabs.Panel value="coaching" pt="md">
          <CoachingList />
        </Tabs.Panel>
        <Tabs.Panel value="reports" pt="md">
          <QaReports />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
