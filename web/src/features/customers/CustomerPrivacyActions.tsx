import { Button, Group, Text } from "@mantine/core";
import { useState } from "react";
import { useNavigate } from "react-router";
import { ConfirmModal } from "../../components/ConfirmModal";
import { errorMessage } from "../../lib/api";
import { useSession } from "../auth/use-session";
import { CAN_MANAGE_CUSTOMER_DATA, hasRole } from "../auth/permissions";
import { downloadCustomerExport, useEraseCustomer } from "./customers.api";

interface Props {
  customer: { id: string; name: string | null };
}

/** A data-subject request from the conversation page (admins): export the customer's data, or erase it. */
export function CustomerPrivacyActions({ customer }: Props) {
  const session = useSession();
  const navigate = useNavigate();
  const erase = useEraseCustomer();
  const [confirming, setConfirming] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  if (!hasRole(session.role, CAN_MANAGE_CUSTOMER_DATA)) return null;
  const who = customer.name ?? "this customer";

  async function handleExport() {
    setExporting(true);
    setExportError(null);
    try {
      await downloadCustomerExport(customer.id);
    } catch (err) {
      setExportError(err);
    } finally {
      setExporting(false);
    }
  }

  function handleClose() {
    setConfirming(false);
    erase.reset();
  }

  return (
    <>
      <Group gap="xs" mb="sm">
        <Button size="xs" variant="default" loading={exporting} onClick={() => void handleExport()}>
          Export customer data
        </Button>
        <Button size="xs" variant="light" color="red" onClick={() => setConfirming(true)}>
          Erase customer…
        </Button>
        {exportError !== null && (
          <Text size="sm" c="red" role="alert">
            {errorMessage(exportError)}
          </Text>
        )}
      </Group>
      <ConfirmModal
        opened={confirming}
        title="Erase this customer?"
        confirmLabel="Erase customer"
        loading={erase.isPending}
        error={erase.error}
        onClose={handleClose}
        onConfirm={() =>
          erase.mutate(customer.id, {
            onSuccess: () => {
              setConfirming(false);
              void navigate("/conversations");
            },
          })
        }
      >
        Everything stored about {who} is deleted: all their conversations, messages and analyses.
        The audit log records that you did it, without their name or words. This cannot be undone.
      </ConfirmModal>
    </>
  );
}
