import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";

/** Erases a customer and all their conversations; every conversation list and page is refreshed. */
export function useEraseCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/customers/${encodeURIComponent(id)}`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["conversations"] });
      queryClient.removeQueries({ queryKey: ["conversation"] });
    },
  });
}

/** Fetches everything stored about a customer and saves it as a JSON file. */
export async function downloadCustomerExport(id: string): Promise<void> {
  const data = await api.get<unknown>(`/customers/${encodeURIComponent(id)}/export`);
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }),
  );
  const link = document.createElement("a");
  link.href = url;
  link.download = `customer-${id}.json`;
  link.click();
  URL.revokeObjectURL(url);
}
