import { Button, Paper } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { ConfirmModal } from "../components/ConfirmModal";
import { useConfirmMutation } from "../components/use-confirm-mutation";
import { PageHeader } from "../components/PageHeader";
import { EmptyMessage, ErrorState, LoadingState } from "../components/QueryState";
import { useApiKeys, useRevokeApiKey } from "../features/api-keys/api-keys.api";
import { ApiKeysTable } from "../features/api-keys/ApiKeysTable";
import { CreateApiKeyModal } from "../features/api-keys/CreateApiKeyModal";
import type { ApiKey } from "../lib/types";

export default function ApiKeysPage() {
  const keys = useApiKeys();
  const toRevoke = useConfirmMutation<ApiKey>(useRevokeApiKey());
  const [createOpened, { open: openCreate, close: closeCreate }] = useDisclosure(false);

  function renderBody() {
    if (keys.isPending) return <LoadingState label="Loading API keys…" />;
    if (keys.isError) return <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />;
    if (keys.data.length === 0) {
      return (
        <EmptyMessage title="No API keys">
          Create one to import conversations or read data from scripts.
        </EmptyMessage>
      );
    }
    return <ApiKeysTable keys={keys.data} onRevoke={toRevoke.ask} />;
  }

  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let other systems call Rapport's API. Each key acts for the whole organisation."
        actions={<Button onClick={openCreate}>Create API key</Button>}
      />
      <Paper withBorder>{renderBody()}</Paper>
      <CreateApiKeyModal opened={createOpened} onClose={closeCreate} />
      <ConfirmModal {...toRevoke.modalProps} title="Revoke API key" confirmLabel="Revoke key">
        Revoke <b>{toRevoke.target?.name}</b> (<code>{toRevoke.target?.prefix}…</code>)? Anything
        using it stops working at once. This cannot be undone.
      </ConfirmModal>
    </>
  );
}
