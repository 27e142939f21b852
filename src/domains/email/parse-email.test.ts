import { describe, expect, it } from "vitest";
import {
  baseSubject,
  InvalidEmailError,
  normalizeMessageId,
  parseEmail,
  threadKeyOf,
  toIngestConversation,
  type ThreadKey,
} from "./parse-email.ts";

const SUPPORT = new Set(["help@acme.test"]);

function mime(headers: Record<string, string>, body: string): string {
  return `${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\r\n")}\r\n\r\n${body}`;
}

const customerMail = mime(
  {
    From: '"Jane Doe" <Jane.Doe@Example.test>',
    To: "Acme Help <help@acme.test>",
    Subject: "Parcel missing",
    "Message-ID": "<m1@example.test>",
    Date: "Mon, 08 Jan 2024 09:00:00 +0100",
  },
  "My parcel never arrived.\r\n\r\nSent from my iPhone",
);

describe("parseEmail", () => {
  it("reads sender, ids, subject and date, and strips the sign-off from text only", async () => {
    const email = await parseEmail(customerMail);
    expect(email.from).toEqual({ address: "jane.doe@example.test", name: "Jane Doe" });
    expect(email.messageId).toBe("<m1@example.test>");
    expect(email.subject).toBe("Parcel missing");
    expect(email.date.toISOString()).toBe("2024-01-08T08:00:00.000Z");
    expect(email.text).toBe("My parcel never arrived.");
    expect(email.rawText).toContain("Sent from my iPhone");
  });

  it("falls back to the received time without a Date header, and hashes a missing Message-ID stably", async () => {
    const raw = mime({ From: "a@b.test", Subject: "x" }, "hello");
    const received = new Date("2024-02-01T10:00:00Z");
    const one = await parseEmail(raw, { receivedAt: received });
    const two = await parseEmail(raw, { receivedAt: received });
    expect(one.date).toEqual(received);
    expect(one.messageId).toMatch(/^<sha256:[0-9a-f]{64}@rapport>$/);
    expect(two.messageId).toBe(one.messageId);
  });

  it("takes the oldest Received header's time when there is no Date header", async () => {
    const raw =
      "Received: from mx.acme.test by inbound.acme.test; Thu, 1 Feb 2024 10:00:05 +0000\r\n" +
      "Received: from laptop.b.test by smtp.b.test; Thu, 1 Feb 2024 09:59:58 +0100 (CET)\r\n" +
      mime({ From: "a@b.test", Subject: "x" }, "hello");
    const email = await parseEmail(raw, { receivedAt: new Date("2024-03-01T00:00:00Z") });
    expect(email.date.toISOString()).toBe("2024-02-01T08:59:58.000Z");
  });

  it("converts HTML-only mail to text and strips its quoted part", async () => {
    const raw = mime(
      { From: "a@b.test", "Content-Type": "text/html; charset=utf-8", "Message-ID": "<h@b.test>" },
      "<p>Please <b>call</b> me.</p><p>On Mon, Jan 8, 2024 Support wrote:</p><blockquote>Old answer</blockquote>",
    );
    const email = await parseEmail(raw);
    expect(email.text).toBe("Please call me.");
    expect(email.rawText).toContain("Old answer");
  });

  it("refuses bytes without headers or without a sender", async () => {
    await expect(parseEmail("")).rejects.toBeInstanceOf(InvalidEmailError);
    await expect(parseEmail("just some words")).rejects.toThrow(/header/);
    await expect(parseEmail(mime({ Subject: "no from" }, "body"))).rejects.toThrow(/From/);
  });

  it("reads References oldest first and In-Reply-To", async () => {
    const raw = mime(
      {
        From: "a@b.test",
        "Message-ID": "<m3@x>",
        "In-Reply-To": "<m2@x>",
        References: "<m1@x> <m2@x>",
      },
      "ok",
    );
    const email = await parseEmail(raw);
    expect(email.references).toEqual(["<m1@x>", "<m2@x>"]);
    expect(email.inReplyTo).toBe("<m2@x>");
  });
});

describe("normalizeMessageId", () => {
  it("brackets bare ids and hashes ids longer than ingest accepts", () => {
    expect(normalizeMessageId(" abc@x ")).toBe("<abc@x>");
    const long = normalizeMessageId(`<${"a".repeat(300)}@x>`);
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long).toMatch(/^<sha256:/);
  });
});

describe("threadKeyOf", () => {
  const none = async () => null;
  it("uses the first References id as the root", async () => {
    const email = await parseEmail(
      mime(
        {
          From: "a@b.test",
          "Message-ID": "<m3@x>",
          References: "<m1@x> <m2@x>",
          "In-Reply-To": "<m2@x>",
        },
        "x",
      ),
    );
    expect(await threadKeyOf(email, "email:help@acme.test", none)).toEqual({
      source: "email:help@acme.test",
      externalId: "<m1@x>",
    });
  });

  it("joins the stored conversation of the In-Reply-To message when there are no References", async () => {
    const email = await parseEmail(
      mime({ From: "a@b.test", "Message-ID": "<m3@x>", "In-Reply-To": "<m2@x>" }, "x"),
    );
    const stored: ThreadKey = { source: "email:mime", externalId: "<m0@x>" };
    expect(
      await threadKeyOf(email, "email:help@acme.test", async (id) =>
        id === "<m2@x>" ? stored : null,
      ),
    ).toEqual(stored);
    expect(await threadKeyOf(email, "email:help@acme.test", none)).toEqual({
      source: "email:help@acme.test",
      externalId: "<m3@x>",
    });
  });
});

describe("toIngestConversation", () => {
  it("marks mail from a support address as the agent's and keeps the customer from the other side", async () => {
    const first = await parseEmail(customerMail);
    const reply = await parseEmail(
      mime(
        {
          From: "Ada at Acme <HELP@acme.test>",
          To: "jane.doe@example.test",
          Subject: "Re: Parcel missing",
          "Message-ID": "<m2@acme.test>",
          "In-Reply-To": "<m1@example.test>",
          References: "<m1@example.test>",
          Date: "Mon, 08 Jan 2024 10:00:00 +0100",
        },
        "We are on it.",
      ),
    );
    const item = toIngestConversation(
      { source: "email:help@acme.test", externalId: "<m1@example.test>" },
      [reply, first],
      SUPPORT,
    );
    expect(item).toMatchObject({
      externalId: "<m1@example.test>",
      channel: "email",
      subject: "Parcel missing",
      customer: {
        externalId: "jane.doe@example.test",
        name: "Jane Doe",
        email: "jane.doe@example.test",
      },
      agent: { externalId: "help@acme.test", name: "Ada at Acme" },
    });
    expect(item.messages.map((m) => [m.role, m.externalId, m.agentExternalId])).toEqual([
      ["customer", "<m1@example.test>", undefined],
      ["agent", "<m2@acme.test>", "help@acme.test"],
    ]);
  });

  it("takes the customer from the recipients of an outbound thread, and the subject without Re:", async () => {
    const out = await parseEmail(
      mime(
        {
          From: "help@acme.test",
          To: "Bo <bo@example.test>",
          Subject: "Re: Your survey",
          "Message-ID": "<o1@acme.test>",
          References: "<s0@acme.test>",
        },
        "Hi",
      ),
    );
    const item = toIngestConversation(
      { source: "email:help@acme.test", externalId: "<s0@acme.test>" },
      [out],
      SUPPORT,
    );
    expect(item.customer).toEqual({
      externalId: "bo@example.test",
      email: "bo@example.test",
      name: "Bo",
    });
    expect(item.subject).toBe("Your survey");
  });
});

describe("baseSubject", () => {
  it("removes reply and forward prefixes, however many", () => {
    expect(baseSubject("Re: RE[2]: Fwd: Refund")).toBe("Refund");
    expect(baseSubject("AW: Rechnung")).toBe("Rechnung");
    expect(baseSubject("Refund: Re: order")).toBe("Refund: Re: order");
    expect(baseSubject(null)).toBeNull();
  });
});
