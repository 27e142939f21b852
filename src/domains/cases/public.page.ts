/**
 * The public escalation page: plain HTML, no script (the app's CSP allows none inline), labelled
 * fields, errors announced in an alert region, and a honeypot field hidden from people and from
 * assistive technology alike (display: none).
 */
import { customerTime } from "./business-hours.ts";

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const STYLE = `
  body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input, textarea { width: 100%; padding: .5rem; font: inherit; border: 1px solid #555; border-radius: 4px; box-sizing: border-box; }
  textarea { min-height: 10rem; }
  button { margin-top: 1.5rem; padding: .6rem 1.2rem; font: inherit; background: #1c4fa0; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  button:focus, input:focus, textarea:focus { outline: 3px solid #f2a900; outline-offset: 2px; }
  .hint { color: #444; font-size: .9rem; margin: .25rem 0 0; }
  .trap { display: none; }
  .problems { border: 2px solid #a40000; padding: .5rem 1rem; color: #a40000; }
`;

function page(title: string, main: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title><style>${STYLE}</style></head>
<body><main>${main}</main></body></html>`;
}

export interface FormValues {
  org: string;
  name?: string | undefined;
  email?: string | undefined;
  message?: string | undefined;
  reference?: string | undefined;
  problems?: string[] | undefined;
}

export function renderEscalationForm(v: FormValues): string {
  const problems = v.problems?.length
    ? `<div class="problems" role="alert"><p>Please check your complaint:</p><ul>${v.problems
        .map((p) => `<li>${escape(p)}</li>`)
        .join("")}</ul></div>`
    : "";
  return page(
    "Complain to management",
    `<h1>Complain to management</h1>
<p>Tell our management team what went wrong. A senior person reads every complaint sent here and we
will reply by the time we give you after you send it.</p>
${problems}
<form method="post" action="/escalate">
  <input type="hidden" name="org" value="${escape(v.org)}">
  <label for="name">Your name</label>
  <input id="name" name="name" autocomplete="name" required maxlength="200" value="${escape(v.name ?? "")}">
  <label for="email">Your email address</label>
  <input id="email" name="email" type="email" autocomplete="email" required maxlength="320" value="${escape(v.email ?? "")}">
  <label for="reference">Case reference (optional)</label>
  <input id="reference" name="reference" maxlength="40" aria-describedby="reference-hint" value="${escape(v.reference ?? "")}">
  <p class="hint" id="reference-hint">If we already gave you a reference such as RC-7KQ2MXA-P4TA, enter it here.</p>
  <label for="message">Your complaint</label>
  <textarea id="message" name="message" required maxlength="10000">${escape(v.message ?? "")}</textarea>
  <div class="trap"><label for="website">Website</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
  <button type="submit">Send to management</button>
</form>`,
  );
}

export function renderEscalationResult(r: {
  reference: string;
  respondBy: string;
  timeZone: string;
}): string {
  const when = customerTime(r.respondBy, r.timeZone);
  return page(
    "Complaint received",
    `<h1>Your complaint has reached management</h1>
<p role="status">Your reference is <strong>${escape(r.reference)}</strong>.</p>
<p>We will respond by <time datetime="${escape(r.respondBy)}">${escape(when)}</time>.</p>
<p>Keep the reference: quote it if you need to write to us again.</p>`,
  );
}
