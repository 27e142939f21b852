import { Avatar, Badge, Group, Menu, Stack, Text, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useNavigate } from "react-router";
import type { Session } from "../../lib/types";
import { ChangePasswordModal } from "./ChangePasswordModal";
import { ROLE_LABELS } from "./permissions";
import { useLogout } from "./use-session";

export function UserMenu({ session }: { session: Session }) {
  const [passwordOpened, { open: openPassword, close: closePassword }] = useDisclosure(false);
  const logout = useLogout();
  const navigate = useNavigate();

  function handleLogout() {
    logout.mutate(undefined, { onSettled: () => void navigate("/login", { replace: true }) });
  }

  return (
    <>
      <Menu position="bottom-end" width={240} withinPortal>
        <Menu.Target>
          {/* The name must contain the visible text (WCAG 2.5.3, label in name): name and role, in that
              order. So the avatar is Mantine's person icon rather than initials, which would be visible
              text missing from the name. */}
          <UnstyledButton
            aria-label={`Account menu for ${session.user.name}, ${ROLE_LABELS[session.role]}`}
          >
            <Group gap="xs" wrap="nowrap">
              <Avatar size="sm" color="indigo" radius="xl" />
              <Stack gap={0} visibleFrom="sm">
                <Text size="sm" fw={500} lh={1.2}>
                  {session.user.name}
                </Text>
                {/* Keeps "name role" two words for assistive tech; invisible in the column. */}{" "}
                <Text size="xs" c="dimmed" lh={1.2}>
                  {ROLE_LABELS[session.role]}
                </Text>
              </Stack>
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            <Stack gap={2}>
              <Text size="sm" fw={500} c="var(--mantine-color-text)">
                {session.user.name}
              </Text>
              <Text size="xs">{session.user.email}</Text>
              <Text size="xs">{session.org.name}</Text>
              <Badge size="xs" variant="light" mt={4}>
                {ROLE_LABELS[session.role]}
              </Badge>
            </Stack>
          </Menu.Label>
          <Menu.Divider />
          <Menu.Item onClick={openPassword}>Change password</Menu.Item>
          {/* c, not color: Menu.Item's color prop always paints shade 6 (3.3:1 for red); c takes the
              theme's contrast-checked text colour. */}
          <Menu.Item c="red" onClick={handleLogout} disabled={logout.isPending}>
            Log out
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ChangePasswordModal opened={passwordOpened} onClose={closePassword} />
    </>
  );
}
