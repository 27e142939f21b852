import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpServer, type TestSmtpServer } from "../../../test/mail-servers.ts";
import { closeSmtpTransports, sendEmail, smtpConfigFromUrl } from "./smtp.ts";

describe("smtpConfigFromUrl", () => {
  it("is null when outbound email is not configured", () => {
    expect(smtpConfigFromUrl(undefined)).toBeNull();
    expect(smtpConfigFromUrl("")).toBeNull();
  });

  it("takes the sender from ?from=, else from an address-like user name", () => {
    expect(smtpConfigFromUrl("smtp://u:p@mail.test:587?from=help%40acme.test")).toEqual({
      url: "smtp://u:p@mail.test:587",
      from: "help@acme.test",
    });
    expect(smtpConfigFromUrl("smtps://help%40acme.test:p@mail.test")?.from).toBe("help@acme.test");
    expect(smtpConfigFromUrl("smtp://mail.test")?.from).toBe("rapport@mail.test");
  });

  it("refuses other protocols", () => {
    expect(() => smtpConfigFromUrl("http://mail.test")).toThrow(/smtp:\/\//);
  });
});

describe("sendEmail", () => {
  let server: TestSmtpServer;
  beforeAll(async () => {
    server = await startSmtpServer();
  });
  afterAll(async () => {
    closeSmtpTransports();
    await server.stop();
  });

  it("delivers over SMTP with login, threading headers and both bodies", async () => {
    const config = smtpConfigFromUrl(`smtp://help%40acme.test:s3cret@127.0.0.1:${server.port}`)!;
    const sent = await sendEmail(config, {
      to: "jane@example.test",
      subject: "Re: Where is my parcel?",
      text: "It arrives tomorrow.",
      html: "<p>It arrives <b>tomorrow</b>.</p>",
      inReplyTo: "<m2@example.test>",
      references: ["<m1@example.test>", "<m2@example.test>"],
    });
    const mail = await server.nextMail();
    expect(mail.user).toBe("help@acme.test");
    expect(mail.from).toBe("help@acme.test");
    expect(mail.to).toEqual(["jane@example.test"]);
    const parsed = await simpleParser(mail.raw);
    expect(parsed.messageId).toBe(sent.messageId);
    expect(parsed.subject).toBe("Re: Where is my parcel?");
    expect(parsed.inReplyTo).toBe("<m2@example.test>");
    expect(parsed.references).toEqual(["<m1@example.test>", "<m2@example.test>"]);
    expect(parsed.text?.trim()).toBe("It arrives tomorrow.");
    expect(parsed.html).toContain("<b>tomorrow</b>");
  });

  it("sends a new thread without reply headers", async () => {
    const config = smtpConfigFromUrl(`smtp://127.0.0.1:${server.port}?from=survey%40acme.test`)!;
    await sendEmail(config, {
      to: ["a@example.test", "b@example.test"],
      subject: "How did we do?",
      text: "Rate us",
    });
    const mail = await server.nextMail();
    expect(mail.user).toBeUndefined();
    expect(mail.to).toEqual(["a@example.test", "b@example.test"]);
    const parsed = await simpleParser(mail.raw);
    expect(parsed.from?.value[0]?.address).toBe("survey@acme.test");
    expect(parsed.inReplyTo).toBeUndefined();
    expect(parsed.references).toBeUndefined();
  });
});
