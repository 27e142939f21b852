import { z } from "@hono/zod-openapi";
import { ROLES } from "../../db/schema/index.ts";

export const LoginBodySchema = z
  .strictObject({
    email: z.string().trim().min(3).max(320),
    password: z.string().min(1).max(1024),
    org: z
      .string()
      .max(100)
      .optional()
      .openapi({ description: "Organization slug; default the first" }),
  })
  .openapi("LoginBody");

export const MeSchema = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
    org: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
    role: z.enum(ROLES),
    teamId: z
      .string()
      .nullable()
      .openapi({ description: "The member's team, if any: team views open on it" }),
    csrfToken: z
      .string()
      .openapi({ description: "Send as X-CSRF-Token on cookie-authenticated writes" }),
  })
  .openapi("Me");

export const ChangePasswordBodySchema = z
  .strictObject({
    currentPassword: z.string().min(1).max(1024),
    newPassword: z.string().min(10, "must be at least 10 characters").max(1024),
  })
  .openapi("ChangePasswordBody");
