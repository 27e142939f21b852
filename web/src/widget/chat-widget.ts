/**
 * The Rapport chat widget: one `<script src="https://rapport.example.com/widget.js" data-org="acme" async>`
 * puts an accessible chat on any page. Plain DOM, no framework, so it stays a few KB. Everything the
 * server or visitor sends is shown with textContent (never innerHTML), inside a shadow root so the
 * host page's styles neither break it nor are touched by it. Bundled by esbuild into /widget.js.
 */
import { WIDGET_CSS } from "./chat-widget.css.ts";

interface Citation {
  articleId: string;
  title: string;
  url: string | null;
}
interface ChatMessage {
  seq: number;
  role: "customer" | "bot" | "agent" | "system";
  text: string;
  citation: Citation | null;
}
interface ChatState {
  chatId: string;
  status: "bot" | "queued" | "assigned" | "closed";
  messages: ChatMessage[];
}
interface Session extends ChatState {
  token: string;
  greeting: string;
}

const POLL_MS = 2500;
const WHO: Record<ChatMessage["role"], string> = {
  customer: "You",
  bot: "Assistant",
  agent: "Agent",
  system: "Notice",
};

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Only http(s) links are followed: a `javascript:` URL in a setting must never run. */
function safeUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
  } catch {
    return null;
  }
}

class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

function start(script: HTMLScriptElement): void {
  const org = script.dataset.org;
  if (!org) {
    console.warn('Rapport chat widget: add data-org="your-organization" to the script tag');
    return;
  }
  const api = `${new URL(script.src).origin}/api/v1/widget`;
  const storeKey = `rapport-widget:${org}`;
  let session: Session | null = null;
  /** The connection under way when the chat opens, so a message sent meanwhile can wait for it. */
  let connecting: Promise<void> | null = null;
  let lastSeq = 0;
  let timer: number | undefined;
  const shown = new Set<number>();

  const host = el("div", { "data-rapport-widget": "" });
  const root = host.attachShadow({ mode: "open" });
  const style = el("style", {}, WIDGET_CSS);
  const launcher = el(
    "button",
    {
      type: "button",
      class: "launcher",
      "aria-expanded": "false",
      "aria-controls": "rw-panel",
    },
    "Chat with us",
  );
  const panel = el("section", {
    id: "rw-panel",
    class: "panel",
    role: "dialog",
    "aria-modal": "false",
    "aria-labelledby": "rw-title",
  });
  panel.hidden = true;
  const header = el("div", { class: "header" });
  const title = el("h2", { id: "rw-title" }, "Chat with us");
  const close = el("button", { type: "button", class: "close", "aria-label": "Close chat" }, "×");
  header.append(title, close);
  const log = el("div", {
    class: "log",
    role: "log",
    "aria-live": "polite",
    "aria-label": "Messages",
    tabindex: "0",
  });
  const status = el("p", { class: "status", role: "status" });
  const form = el("form", { class: "form" });
  const label = el("label", { for: "rw-input" }, "Your message");
  const input = el("textarea", {
    id: "rw-input",
    rows: "2",
    maxlength: "2000",
    autocomplete: "off",
  });
  const send = el("button", { type: "submit", class: "send" }, "Send");
  form.append(label, input, send);
  const human = el("button", { type: "button", class: "human" }, "Talk to a person");
  panel.append(header, log, status, form, human);
  root.append(style, launcher, panel);
  document.body.append(host);

  function addMessage(m: Pick<ChatMessage, "role" | "text" | "citation">, seq?: number): void {
    if (seq !== undefined) {
      if (shown.has(seq)) return;
      shown.add(seq);
      lastSeq = Math.max(lastSeq, seq);
    }
    const item = el("div", { class: `msg ${m.role}` });
    item.append(
      el("span", { class: "who" }, `${WHO[m.role]}:`),
      el("p", { class: "text" }, m.text),
    );
    if (m.citation) {
      const cite = el("p", { class: "cite" }, "Source: ");
      const href = safeUrl(m.citation.url);
      cite.append(
        href
          ? el("a", { href, target: "_blank", rel: "noopener noreferrer" }, m.citation.title)
          : el("cite", {}, m.citation.title),
      );
      item.append(cite);
    }
    log.append(item);
    log.scrollTop = log.scrollHeight;
  }

  function apply(state: ChatState): void {
    for (const m of state.messages) addMessage(m, m.seq);
    if (session) session.status = state.status;
    human.hidden = state.status !== "bot";
    if (state.status === "closed") status.textContent = "This chat has ended.";
  }

  async function call<T>(path: string, body: unknown, retry = true): Promise<T> {
    const res = await fetch(`${api}/${path}`, {
      method: "POST",
      credentials: "omit",
      headers: {
        "content-type": "application/json",
        ...(session ? { "x-widget-token": session.token } : {}),
      },
      body: JSON.stringify(body),
    });
    if (res.status === 401 && retry && path !== "sessions") {
      await connect(true);
      return call<T>(path, body, false);
    }
    if (!res.ok) throw new HttpError(res.status);
    return (await res.json()) as T;
  }

  async function connect(fresh = false): Promise<void> {
    let saved: string | null = null;
    try {
      saved = localStorage.getItem(storeKey);
    } catch {
      // Storage blocked (privacy mode): the chat still works, for this page view.
    }
    session = null;
    const s = await call<Session>("sessions", {
      org,
      ...(saved && !fresh ? { token: saved } : {}),
    });
    session = s;
    try {
      localStorage.setItem(storeKey, s.token);
    } catch {
      // As above.
    }
    if (shown.size === 0 && log.childElementCount === 0)
      addMessage({ role: "bot", text: s.greeting, citation: null });
    apply(s);
  }

  function report(err: unknown): void {
    const code = err instanceof HttpError ? err.status : 0;
    status.textContent =
      code === 429
        ? "You are sending messages too quickly. Please wait a moment."
        : code === 403
          ? "Chat is not available on this website."
          : "Sorry, the message could not be sent. Please try again.";
  }

  async function poll(): Promise<void> {
    if (!session || session.status === "closed") return;
    try {
      apply(await call<ChatState>("poll", { after: lastSeq }));
    } catch {
      // A missed poll is retried at the next tick.
    }
  }

  async function open(): Promise<void> {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    input.focus();
    if (!session && !connecting) {
      status.textContent = "Connecting…";
      connecting = connect()
        .then(() => {
          status.textContent = "";
        })
        .catch(report)
        .finally(() => {
          connecting = null;
        });
    }
    timer ??= window.setInterval(() => void poll(), POLL_MS);
    await connecting;
  }

  function hide(): void {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  async function submit(): Promise<void> {
    // A message typed while the chat is still connecting is sent once it has connected.
    if (connecting) await connecting;
    const text = input.value.trim();
    if (!text || !session) return;
    input.value = "";
    status.textContent = "";
    try {
      apply(await call<ChatState>("messages", { text }));
    } catch (err) {
      input.value = text;
      report(err);
    }
  }

  launcher.addEventListener("click", () => void (panel.hidden ? open() : Promise.resolve(hide())));
  close.addEventListener("click", hide);
  panel.addEventListener("keydown", (e) => {
    if (e.key === "Escape") hide();
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void submit();
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      void submit();
    }
  });
  human.addEventListener("click", () => {
    void call<ChatState>("handoff", {}).then(apply, report);
    input.focus();
  });
}

const current = document.currentScript;
if (current instanceof HTMLScriptElement) {
  if (document.body) start(current);
  else document.addEventListener("DOMContentLoaded", () => start(current));
}
