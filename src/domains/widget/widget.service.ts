import { randomUUID } from "node:crypto";
import { analyzeMessage } from "../../analysis/index.ts";
import type { Db } from "../../db/client.ts";
import type { HandoffReason } from "../../db/schema/index.ts";
import type { Queue } from "../../jobs/queue.ts";
import { AppError } from "../../lib/errors.ts";
import { getRedactionSettings, ingestConversations, redactText } from "../conversations/index.ts";
import { findOrgBySlug } from "../orgs/index.ts";
import { decideBotTurn, HANDOFF_NOTICE, type BotTurn, type KnowledgeHit } from "./bot.ts";
import * as repo from "./widget.repo.ts";
import type { WidgetMessageView, WidgetSettings } from "./widget.schemas.ts";
import { getWidgetSettings, originAllowed } from "./widget-settings.service.ts";
import {
  readWidgetToken,
  signWidgetToken,
  WIDGET_TOKEN_TTL_MS,
  type WidgetClaims,
} from "./widget-token.ts";

/** Finds knowledge-base articles for a customer's words (the kb domain's `searchKnowledge`). */
export type KnowledgeSearch = (
  db: Db,
  orgId: string,
  text: string,
  opts: { limit: number },
) => Promise<KnowledgeHit[]>;

export interface WidgetDeps {
  db: Db;
  queue: Queue;
  search: KnowledgeSearch;
}

/** Conversations from the widget are stored under this source, with the chat id as externalId. */
export const WIDGET_SOURCE = "widget";

export function toMessageView(m: repo.MessageRow): WidgetMessageView {
  return {
    seq: m.seq,
    role: m.role,
    text: m.text,
    at: m.createdAt.toISOString(),
    citation: m.citation ?? null,
  };
}

const notAllowed = () =>
  new AppError("FORBIDDEN", {
    message: "This website may not run this organization's chat widget (origin not allowed)",
  });

/**
 * Starts (or resumes) a visitor's chat for a page at `origin`. A still-valid token resumes its
 * chat; an expired but genuine one keeps the visitor's identity, so their history stays theirs.
 */
export async function startWidgetSession(
  db: Db,
  body: { org: string; token?: string | undefined },
  origin: string | undefined,
  now = Date.now(),
) {
  const org = await findOrgBySlug(db, body.org);
  if (!org) throw new AppError("NOT_FOUND", { message: "body.org: no such organization" });
  const settings = await getWidgetSettings(db, org.id);
  if (!origin || !originAllowed(settings, origin)) throw notAllowed();
  const prior = body.token ? readWidgetToken(body.token) : null;
  const known = prior && prior.orgId === org.id && prior.origin === origin ? prior : null;
  let chat = known && !known.expired(now) ? await repo.findChat(db, org.id, known.chatId) : null;
  if (!chat || chat.status === "closed")
    chat = await repo.insertChat(db, {
      orgId: org.id,
      visitorId: known?.visitorId ?? randomUUID(),
      origin,
    });
  const exp = now + WIDGET_TOKEN_TTL_MS;
  const token = signWidgetToken({
    orgId: org.id,
    chatId: chat.id,
    visitorId: chat.visitorId,
    origin,
    exp,
  });
  const messages = await repo.listMessages(db, org.id, chat.id);
  return {
    token,
    expiresAt: new Date(exp).toISOString(),
    greeting: settings.greeting,
    chatId: chat.id,
    status: chat.status,
    messages: messages.map(toMessageView),
  };
}

/** The claims of a genuine, unexpired token sent from its own origin, still allowed; else 401/403. */
export async function authorizeWidgetCall(
  db: Db,
  token: string | undefined,
  origin: string | undefined,
  now = Date.now(),
): Promise<WidgetClaims> {
  const claims = token ? readWidgetToken(token) : null;
  if (!claims || claims.expired(now))
    throw new AppError("UNAUTHENTICATED", {
      message: "Missing, invalid or expired X-Widget-Token: start a new widget session",
    });
  if (origin !== claims.origin) throw notAllowed();
  if (!originAllowed(await getWidgetSettings(db, claims.orgId), origin)) throw notAllowed();
  return claims;
}

async function requireChat(db: Db, claims: WidgetClaims, lock = false) {
  const chat = lock
    ? await repo.lockChat(db, claims.orgId, claims.chatId)
    : await repo.findChat(db, claims.orgId, claims.chatId);
  if (!chat || chat.visitorId !== claims.visitorId)
    throw new AppError("NOT_FOUND", { message: "No such chat" });
  return chat;
}

export async function pollWidgetChat(db: Db, claims: WidgetClaims, after: number) {
  const chat = await requireChat(db, claims);
  const messages = await repo.listMessages(db, claims.orgId, chat.id, after);
  return { chatId: chat.id, status: chat.status, messages: messages.map(toMessageView) };
}

/** Marks a chat handed off after its last message so far; the notice follows. */
function handoffPatch(
  chat: repo.ChatRow,
  reason: HandoffReason,
  signals: string[],
  teamId: string | null,
) {
  return {
    status: "queued" as const,
    handoffReason: reason,
    handoffSignals: signals,
    handoffSeq: chat.lastSeq,
    handedOffAt: new Date(),
    teamId,
  };
}

/**
 * A visitor's message: stored (redacted), analysed, and while the bot has the chat, answered
 * from the knowledge base or handed to a person. Then stored as the chat conversation in Rapport.
 */
export async function sendVisitorMessage(deps: WidgetDeps, claims: WidgetClaims, raw: string) {
  const { db } = deps;
  const { orgId } = claims;
  const [settings, redaction, current] = await Promise.all([
    getWidgetSettings(db, orgId),
    getRedactionSettings(db, orgId),
    requireChat(db, claims),
  ]);
  if (current.status === "closed")
    throw new AppError("CONFLICT", { message: "This chat has ended: start a new one" });
  const text = redactText(raw, redaction).text;
  const detected = analyzeMessage({ text, role: "customer" }).signals;
  const signals = detected.map((s) => s.name);
  const hits = current.status === "bot" ? await deps.search(db, orgId, text, { limit: 3 }) : [];

  const { chat: locked, added } = await db.transaction(async (tx) => {
    const chat = await requireChat(tx, claims, true);
    const rows = await repo.appendMessages(tx, chat, [{ role: "customer", text, signals }]);
    if (chat.status !== "bot") return { chat, added: rows };
    const turn = decideBotTurn({
      text,
      signals: detected,
      hits,
      threshold: settings.botThreshold,
      misses: chat.misses,
    });
    return { chat, added: [...rows, ...(await applyBotTurn(tx, chat, turn, settings))] };
  });
  await storeAsConversation(deps, locked, added);
  const chat = await requireChat(db, claims);
  return { chatId: chat.id, status: chat.status, messages: added.map(toMessageView) };
}

/** Carries out the bot's turn on a locked chat: a handoff (and its notice) or a bot message. */
async function applyBotTurn(tx: Db, chat: repo.ChatRow, turn: BotTurn, settings: WidgetSettings) {
  if (turn.kind === "handoff") {
    await repo.updateChat(tx, chat.orgId, chat.id, {
      ...handoffPatch(chat, turn.reason, turn.signals, settings.teamId),
      misses: 0,
    });
    const notice = { role: "system" as const, text: HANDOFF_NOTICE, attempts: turn.attempts };
    return repo.appendMessages(tx, chat, [notice]);
  }
  const link = (id: string) =>
    settings.articleUrlTemplate?.replace("{id}", encodeURIComponent(id)) ?? null;
  const citation =
    turn.kind === "answer"
      ? { articleId: turn.hit.articleId, title: turn.hit.title, url: link(turn.hit.articleId) }
      : null;
  await repo.updateChat(tx, chat.orgId, chat.id, {
    misses: turn.kind === "answer" ? 0 : turn.misses,
  });
  return repo.appendMessages(tx, chat, [
    {
      role: "bot",
      text: turn.reply,
      citation,
      attempts: turn.attempts,
      confidence: turn.attempts[0]?.score ?? 0,
    },
  ]);
}

/** The visitor pressed "Talk to a person". Idempotent once the chat is with people. */
export async function requestWidgetHandoff(deps: WidgetDeps, claims: WidgetClaims) {
  const settings = await getWidgetSettings(deps.db, claims.orgId);
  const added = await deps.db.transaction(async (tx) => {
    const chat = await requireChat(tx, claims, true);
    if (chat.status !== "bot") return [];
    await repo.updateChat(
      tx,
      claims.orgId,
      chat.id,
      handoffPatch(chat, "requested", [], settings.teamId),
    );
    return repo.appendMessages(tx, chat, [{ role: "system", text: HANDOFF_NOTICE }]);
  });
  const chat = await requireChat(deps.db, claims);
  return { chatId: chat.id, status: chat.status, messages: added.map(toMessageView) };
}

/**
 * Stores the new messages as the chat's Rapport conversation (channel chat) through ingest, so
 * they are redacted, analysed and announced like any conversation. System notices stay out. A
 * chat not stored yet (a demo chat) sends its whole transcript; ingest ignores messages it has.
 */
export async function storeAsConversation(
  deps: { db: Db; queue: Queue },
  chat: { orgId: string; id: string; visitorId: string; conversationId: string | null },
  rows: repo.MessageRow[],
  agent?: { externalId: string; name: string | null; email: string | null },
  status: "open" | "closed" = "open",
) {
  const all = chat.conversationId ? rows : await repo.listMessages(deps.db, chat.orgId, chat.id);
  const messages = all
    .filter((m) => m.role !== "system")
    .map((m) => ({
      role: m.role as "customer" | "bot" | "agent",
      text: m.text,
      ts: m.createdAt.toISOString(),
      externalId: `${chat.id}:${m.seq}`,
      ...(m.role === "agent" && agent ? { agentExternalId: agent.externalId } : {}),
    }));
  if (messages.length === 0 && status === "open") return;
  const [result] = await ingestConversations(deps, chat.orgId, [
    {
      externalId: chat.id,
      source: WIDGET_SOURCE,
      channel: "chat",
      status,
      subject: "Website chat",
      customer: { externalId: `visitor:${chat.visitorId}` },
      ...(agent ? { agent: agentOf(agent) } : {}),
      messages,
    },
  ]);
  if (result?.status === "rejected")
    throw new AppError("INTERNAL", { message: `chat not stored: ${result.error?.message ?? ""}` });
  if (result?.id && !chat.conversationId)
    await repo.setConversationOnce(deps.db, chat.orgId, chat.id, result.id);
}

function agentOf(agent: { externalId: string; name: string | null; email: string | null }) {
  return {
    externalId: agent.externalId,
    ...(agent.name ? { name: agent.name } : {}),
    ...(agent.email ? { email: agent.email } : {}),
  };
}
