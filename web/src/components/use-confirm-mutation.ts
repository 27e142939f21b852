import type { UseMutationResult } from "@tanstack/react-query";
import { useState } from "react";

/**
 * Wires a ConfirmModal to a mutation that takes a row's id (delete, revoke): `ask(row)` opens the
 * modal about that row; confirming runs the mutation and closes on success. Closing also resets the
 * mutation, so a refusal shown for one row is gone when the next one is asked about.
 */
export function useConfirmMutation<T extends { id: string }>(
  mutation: UseMutationResult<unknown, Error, string>,
) {
  const [target, setTarget] = useState<T | null>(null);

  function handleClose() {
    setTarget(null);
    mutation.reset();
  }

  return {
    target,
    ask: setTarget,
    modalProps: {
      opened: target !== null,
      loading: mutation.isPending,
      error: mutation.error,
      onClose: handleClose,
      onConfirm: () => {
        if (target) mutation.mutate(target.id, { onSuccess: handleClose });
      },
    },
  };
}
