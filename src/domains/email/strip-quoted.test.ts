import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitLines, stripQuotedText } from "./strip-quoted.ts";

/** True when `sub` can be obtained from `all` by deleting elements. */
function isSubsequence(sub: string[], all: string[]): boolean {
  let j = 0;
  for (const line of all) if (j < sub.length && sub[j] === line) j++;
  return j === sub.length;
}

describe("stripQuotedText", () => {
  it("cuts a Gmail attribution and the quoted lines below it", () => {
    const body =
      "Still broken, see attached.\n\nOn Mon, 8 Jan 2024 at 09:12, Support <help@acme.test> wrote:\n> Did a restart help?\n> Ada";
    expect(stripQuotedText(body)).toBe("Still broken, see attached.");
  });

  it("cuts an attribution wrapped over two lines", () => {
    const body =
      "Thanks!\n\nOn Mon, Jan 8, 2024 at 9:12 AM Jane Doe <jane@example.test>\nwrote:\n\n> old text";
    expect(stripQuotedText(body)).toBe("Thanks!");
  });

  it("cuts at -----Original Message----- and everything after it", () => {
    const body =
      "Please cancel my order.\r\n\r\n-----Original Message-----\r\nFrom: Shop\r\nSent: Monday\r\n\r\nYour order shipped.";
    expect(stripQuotedText(body)).toBe("Please cancel my order.");
  });

  it("cuts an Outlook From/Sent header block with its underscore rule", () => {
    const body = [
      "I never got the refund.",
      "",
      "________________________________",
      "From: Acme Support <help@acme.test>",
      "Sent: Tuesday, January 9, 2024 10:00",
      "To: me",
      "Subject: RE: refund",
      "",
      "We have issued the refund.",
    ].join("\n");
    expect(stripQuotedText(body)).toBe("I never got the refund.");
  });

  it("cuts an Outlook header block without a rule", () => {
    const body = "Fine by me.\n\nFrom: Jo <jo@x.test>\nDate: 9 Jan 2024\nSubject: plan\n\nold";
    expect(stripQuotedText(body)).toBe("Fine by me.");
  });

  it("removes a signature after the -- delimiter and device sign-offs", () => {
    expect(
      stripQuotedText("The app crashes on login.\n\n-- \nJane Doe\nACME Corp\n+1 555 0100"),
    ).toBe("The app crashes on login.");
    expect(stripQuotedText("Where is my parcel?\n\nSent from my iPhone")).toBe(
      "Where is my parcel?",
    );
    expect(stripQuotedText("ok\n\nGet Outlook for Android")).toBe("ok");
  });

  it("keeps an inline reply written between quoted lines", () => {
    const body =
      "On Tue, Jan 9, 2024, Support wrote:\n> What is your order number?\n12345\n> And the email?\njane@example.test";
    expect(stripQuotedText(body)).toBe("12345\njane@example.test");
  });

  it("keeps text that only looks a little like a marker", () => {
    const body =
      "On Monday I called twice.\nFrom: the start this was wrong.\nI wrote: nothing back.";
    expect(stripQuotedText(body)).toBe(body);
  });

  it("returns an empty string when the whole body is quoted", () => {
    expect(stripQuotedText("> only\n> quoted")).toBe("");
  });

  const emailish = fc.array(
    fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        "",
        "-- ",
        "--",
        "> quoted",
        ">",
        "On Mon, Jan 8, 2024 at 9:12 AM Jane wrote:",
        "On Mon, Jan 8, 2024 at 9:12 AM Jane",
        "wrote:",
        "-----Original Message-----",
        "From: Jane <j@x.test>",
        "Sent: Monday",
        "__________________",
        "Sent from my iPhone",
        "\r",
        "\r\n",
      ),
    ),
    { maxLength: 30 },
  );
  const bodies = fc.oneof(
    fc.string({ maxLength: 300 }),
    emailish.map((lines) => lines.join("\n")),
    emailish.map((lines) => lines.join("\r\n")),
  );

  it("never throws, never invents a line, and is idempotent (property)", () => {
    fc.assert(
      fc.property(bodies, (body) => {
        const once = stripQuotedText(body);
        expect(isSubsequence(once === "" ? [] : splitLines(once), splitLines(body))).toBe(true);
        expect(stripQuotedText(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves text with no markers unchanged apart from blank edge lines (property)", () => {
    const plain = fc.array(fc.stringMatching(/^[a-z][a-z ,.!?]{0,30}$/), {
      minLength: 1,
      maxLength: 10,
    });
    fc.assert(
      fc.property(plain, (lines) => {
        const kept = lines.filter((l) => !/^(on|le|am|el|op|il)\s/i.test(l) && l.trim() !== "");
        fc.pre(kept.length === lines.length);
        expect(stripQuotedText(`\n${lines.join("\n")}\n\n`)).toBe(lines.join("\n"));
      }),
    );
  });
});
