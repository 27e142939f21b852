import { expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg } from "../../../test/factories.ts";
import { buildTestApp } from "../../../test/http.ts";
import { customerTime } from "./business-hours.ts";
import { forPeople } from "./public.routes.ts";

it("names the form's fields as the form labels them, never the API's paths", () => {
  expect(forPeople("body.reference: no such case")).toBe("Case reference: no such case");
  expect(forPeople("email: Invalid email address")).toBe(
    "Your email address: Invalid email address",
  );
  expect(forPeople("body: this submission was refused")).toBe("This submission was refused");
  expect(forPeople("No organization takes complaints here")).toBe(
    "No organization takes complaints here",
  );
});

it("tells a customer the time in the case's zone, in words", () => {
  expect(customerTime("2026-12-08T11:35:23.000Z", "Europe/Paris")).toBe(
    "Tuesday 8 December 2026, 12:35 (Europe/Paris)",
  );
  expect(customerTime("2026-07-01T23:30:00.000Z", "America/New_York")).toBe(
    "Wednesday 1 July 2026, 19:30 (America/New_York)",
  );
});

describeEachBackend("the public complaint form's problems", ({ database }) => {
  it("answers 400 with the labelled problem and keeps what was typed", async () => {
    const db = database().db;
    const org = await buildOrg(db);
    const app = buildTestApp(database());
    const post = (fields: Record<string, string>) =>
      app.request("/escalate", { method: "POST", body: new URLSearchParams(fields) });
    const typed = { org: org.slug, name: "Dana Fox", message: "Three weeks without my refund." };
    const badReference = await post({ ...typed, email: "dana@example.com", reference: "RC-NOPE" });
    expect(badReference.status).toBe(400);
    const page = await badReference.text();
    expect(page).toContain("Case reference: not a valid case reference");
    expect(page).toContain("Three weeks without my refund.");
    expect(page).not.toContain("body.");
    const badEmail = await post({ ...typed, email: "not-an-email" });
    expect(badEmail.status).toBe(400);
    expect(await badEmail.text()).toMatch(/Your email address: /);
    const sent = await post({ ...typed, email: "dana@example.com" });
    expect(sent.status).toBe(201);
    expect(await sent.text()).toMatch(/We will respond by <time datetime="[^"]+">[A-Z][a-z]+day /);
  });
});
