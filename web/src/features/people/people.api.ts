import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { Agent, ListResponse, Role, Team, User } from "../../lib/types";

const TEAMS_KEY = ["teams"] as const;
const USERS_KEY = ["users"] as const;

export function useTeams() {
  return useQuery({
    queryKey: TEAMS_KEY,
    queryFn: ({ signal }) => api.get<ListResponse<Team>>("/teams", undefined, signal),
    select: (data) => [...data.items].sort((a, b) => a.name.localeCompare(b.name)),
    staleTime: 5 * 60_000,
  });
}

export function useAgents(teamId: string | null) {
  return useQuery({
    queryKey: ["agents", teamId ?? "all"],
    queryFn: ({ signal }) =>
      api.get<ListResponse<Agent>>("/agents", { teamId: teamId ?? undefined }, signal),
    select: (data) => [...data.items].sort((a, b) => a.name.localeCompare(b.name)),
    staleTime: 5 * 60_000,
  });
}

export function useCreateTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string }) => api.post<{ id: string; name: string }>("/teams", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TEAMS_KEY }),
  });
}

export function useDeleteTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/teams/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TEAMS_KEY }),
  });
}

export function useUsers() {
  return useQuery({
    queryKey: USERS_KEY,
    queryFn: ({ signal }) => api.get<ListResponse<User>>("/users", undefined, signal),
    select: (data) => [...data.items].sort((a, b) => a.name.localeCompare(b.name)),
  });
}

export interface CreateUserBody {
  email: string;
  name: string;
  password: string;
  role: Role;
  teamId?: string;
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => api.post<User>("/users", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

export interface UpdateUserBody {
  role?: Role;
  teamId?: string | null;
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateUserBody & { id: string }) =>
      api.patch<User>(`/users/${encodeURIComponent(id)}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}
