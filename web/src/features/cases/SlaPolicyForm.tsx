import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Stack,
  TextInput,
  Textarea,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { errorMessage } from "../../lib/api";
import { useCreateSlaPolicy, usePreviewOnCases, type SlaPolicyBody } from "./cases.api";

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"] as const;

/** "09:00-12:00, 13:00-17:30" → shifts; a shift ending after midnight is written "22:00-02:00+1". */
function parseShifts(text: string): SlaPolicyBody["hours"]["mon"] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [start = "", endRaw = ""] = s.split("-").map((x) => x.trim());
      return endRaw.endsWith("+1") ? [start, endRaw.slice(0, -2), "next_day"] : [start, endRaw];
    }) as SlaPolicyBody["hours"]["mon"];
}

export function SlaPolicyForm() {
  const create = useCreateSlaPolicy();
  const preview = usePreviewOnCases();
  const [name, setName] = useState("");
  const [timeZone, setTimeZone] = useState(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [shifts, setShifts] = useState("09:00-17:00");
  const [holidays, setHolidays] = useState("");
  const [feeds, setFeeds] = useState("");
  const [firstResponse, setFirstResponse] = useState<number | string>(60);
  const [resolution, setResolution] = useState<number | string>(960);
  const [nextResponse, setNextResponse] = useState<number | string>("");
  const body = (): SlaPolicyBody => ({
    name,
    timeZone,
    hours: Object.fromEntries(WEEKDAYS.map((d) => [d, parseShifts(shifts)])),
    holidays: holidays.split(/[\s,]+/).filter(Boolean),
    holidayFeeds: feeds.split(/\s+/).filter(Boolean),
    targets: {
      firstResponseMinutes: Number(firstResponse),
      resolutionMinutes: Number(resolution),
      ...(nextResponse === "" ? {} : { nextResponseMinutes: Number(nextResponse) }),
    },
    match: {},
    regulatory: [],
    atRiskPercent: 75,
  });
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        New policy
      </Title>
      <Stack gap="xs">
        <Group grow>
          <TextInput
            label="Name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
          />
          <TextInput
            label="Time zone"
            description="IANA name, e.g. Europe/London"
            value={timeZone}
            onChange={(e) => setTimeZone(e.currentTarget.value)}
          />
        </Group>
        <TextInput
          label="Monday to Friday hours"
          description='Shifts separated by commas; one ending after midnight is written "22:00-02:00+1"'
          value={shifts}
          onChange={(e) => setShifts(e.currentTarget.value)}
        />
        <Textarea
          label="Holidays"
          description="Dates YYYY-MM-DD, separated by spaces or commas"
          value={holidays}
          onChange={(e) => setHolidays(e.currentTarget.value)}
        />
        <Textarea
          label="Holiday feeds (iCal)"
          description="URLs of .ics calendars of closed days, one per line; fetched on save and daily"
          value={feeds}
          onChange={(e) => setFeeds(e.currentTarget.value)}
        />
        <Group grow>
          <NumberInput
            label="First response (business minutes)"
            min={1}
            value={firstResponse}
            onChange={setFirstResponse}
          />
          <NumberInput
            label="Resolution (business minutes)"
            min={1}
            value={resolution}
            onChange={setResolution}
          />
          <NumberInput
            label="Next response (business minutes)"
            description="After each customer reply; empty for none"
            min={1}
            value={nextResponse}
            onChange={setNextResponse}
          />
        </Group>
        <Group>
          <Button
            loading={create.isPending}
            disabled={!name.trim()}
            onClick={() => create.mutate(body())}
          >
            Save policy
          </Button>
          <Button
            variant="default"
            loading={preview.isPending}
            disabled={!name.trim()}
            onClick={() => preview.mutate(body())}
          >
            Preview on open cases
          </Button>
        </Group>
        {create.isError && (
          <Alert color="red" role="alert">
            {errorMessage(create.error)}
          </Alert>
        )}
        {preview.isError && (
          <Alert color="red" role="alert">
            {errorMessage(preview.error)}
          </Alert>
        )}
        {create.isSuccess && (
          <Alert color="green" role="status">
            Saved “{create.data.name}”.
          </Alert>
        )}
        {preview.isSuccess && (
          <Alert color="blue" role="status" title="Against open cases">
            {preview.data.items.length === 0
              ? "No open cases."
              : preview.data.items
                  .slice(0, 10)
                  .map(
                    (i) =>
                      `${i.reference}: resolution due ${i.current.resolutionDueAt ?? "—"} → ${i.proposed.resolutionDueAt ?? "paused"}`,
                  )
                  .join(" · ")}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
