import { Anchor, Tabs } from "@mantine/core";
import { Link } from "react-router";
import { PageHeader } from "../components/PageHeader";
import { hasRole } from "../features/auth/permissions";
import { useSession } from "../features/auth/use-session";
import { CalibrationView } from "../features/qa/Calibration";
import { CoachingList } from "../features/qa/CoachingList";
import { CAN_BUILD_SCORECARDS, CAN_REVIEW } from "../features/qa/permissions";
import { QaReports } from "../features/qa/QaReports";
import { DisputeList, ReviewQueue } from "../features/qa/QueueAndDisputes";

/** Quality assurance: the review queue, disputes, calibration and the QA reports. */
export default function QaPage() {
  const session = useSession();
  const reviewer = hasRole(session.role, CAN_REVIEW);
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
      <Tabs defaultValue={reviewer ? "queue" : "disputes"} keepMounted={false}>
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
