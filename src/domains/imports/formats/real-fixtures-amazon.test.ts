import { describe, expect, it } from "vitest";
import { conversationsOf, readRealFixture } from "./read-fixture.ts";

/**
 * Amazon Connect's files as saved (Transcribe Call Analytics, Contact Lens of calls and chats),
 * gathered from public repositories (test/fixtures/importers/ATTRIBUTION.md).
 */
describe("Amazon Connect files as saved", () => {
  it("reads Contact Lens and Call Analytics transcripts with their speakers' roles", async () => {
    const lens = await readRealFixture("transcribe", "amazon/contact-lens-analysis.json");
    const [call] = conversationsOf(lens.records);
    expect(call!.channel).toBe("phone");
    expect(call!.messages.map((m) => m.role)).toContain("agent");
    expect(call!.messages.map((m) => m.role)).toContain("customer");
    expect(call!.messages[0]).toMatchObject({ ts: "2024-07-01T09:00:00.000Z" });
    const tca = await readRealFixture("transcribe", "amazon/call-analytics-turns.json");
    expect(
      conversationsOf(tca.records)[0]!.messages.map((m) => [m.role, m.text, m.startOffset]),
    ).toEqual([
      ["customer", "That is a very generous offer. And I accept.", 17.14],
      ["customer", "Thank you very much, sir. Goodbye.", 40.04],
    ]);
  });

  it("reads the Contact Lens file of a real call, its overlapping turns in order of start", async () => {
    const { records } = await readRealFixture(
      "transcribe",
      "amazon/contact-lens-scv-analysis.json",
    );
    const [call] = conversationsOf(records);
    expect(call!.channel).toBe("phone");
    // Speakers from Participants[] through each turn's ParticipantId; one speaker's consecutive
    // turns (10.72 s and 12.49 s) make one message; times are offsets from the call's start.
    const at = (s: number) => new Date(Date.parse("2024-07-01T09:00:00Z") + s * 1000).toISOString();
    expect(call!.messages.map((m) => [m.role, m.text, m.startOffset, m.ts])).toEqual(
      (
        [
          ["agent", "Mhm.", 2.54],
          ["customer", "Mhm.", 2.58],
          ["agent", "Okay? Hoping", 7.897],
          ["customer", "I hope you got I hear my voice.", 10.72],
          ["agent", "Bye.", 12.537],
          ["agent", "Hello.", 14.86],
          ["customer", "Hello.", 14.87],
          ["agent", "Okay? Mm.", 26.49],
          ["agent", "Hello.", 37],
          ["customer", "So", 37.22],
          ["agent", "Cool.", 58.18],
          ["agent", "Okay? Oh,", 78.38],
          ["customer", "Oh, Okay?", 82.07],
          ["agent", "Call back. Bye bye.", 83.46],
        ] as const
      ).map(([role, text, s]) => [role, text, s, at(s)]),
    );
  });

  it("reads the Contact Lens file of a chat: each text message at its AbsoluteTime, events left out", async () => {
    const { records } = await readRealFixture(
      "transcribe",
      "amazon/contact-lens-chat-analysis.json",
    );
    expect(records.filter((r) => r.kind === "reject")).toEqual([]);
    const [chat] = conversationsOf(records);
    expect(chat).toMatchObject({
      channel: "chat",
      status: "closed",
      customer: { externalId: "chat:contact-lens-chat-analysis.json", name: "John" },
    });
    // 35 items: the 4 events (two joins, a leave, chat ended) are left out; the contact flow's
    // SYSTEM texts are bot messages. Times are the file's, not the import's startedAt; ids are its
    // item ids. The guide's file gives the complaint at 03:33:22.486 to the AGENT (its redacted
    // file to the CUSTOMER): roles are read as the file gives them.
    expect(
      chat!.messages.map((m) => [
        m.role,
        m.ts,
        m.externalId,
        (m.metadata as { speaker: string }).speaker,
        m.text,
        m.startOffset,
      ]),
    ).toEqual(
      (
        [
          [
            "bot",
            "03:31:53.390Z",
            "78aa8229-714a-4c87-916b-ce7d8d567ab2",
            "SYSTEM_MESSAGE",
            "Hello, thanks for contacting us. This is an example of what the Amazon Connect virtual contact center can enable you to do.",
          ],
          [
            "bot",
            "03:31:55.131Z",
            "1276382b-facb-49c5-8d34-62e3b0f50002",
            "SYSTEM_MESSAGE",
            "The time in queue is less than 5 minutes.",
          ],
          [
            "bot",
            "03:31:56.618Z",
            "88c2363e-8206-4781-a353-c15e1ccacc12",
            "SYSTEM_MESSAGE",
            "You are now being placed in queue to chat with an agent.",
          ],
          [
            "agent",
            "03:32:03.462Z",
            "e4949dd1-aaa1-4fbd-84e7-65c95b2d3d9a",
            "Jane",
            "Hello, thanks for reaching Example Corp. This is Jane. How may I help you?",
          ],
          [
            "customer",
            "03:32:08.102Z",
            "bcc51949-3a79-4398-be1b-a27345a8a8ad",
            "John",
            "I'd like to see if I can get a refund or an exchange, because I ordered one of your grow-it-yourself indoor herb garden kits and nothing sprouted after a couple weeks so I think something is wrong with the seeds and this product may be defective.",
          ],
          [
            "customer",
            "03:32:14.137Z",
            "7d5c07d7-3d26-4b34-ae91-39aeaeef685c",
            "John",
            "My wife is blind and sensitive to the sun so I was going to surprise her for her birthday with all the herbs that she loves so you guys actually really let me down.",
          ],
          [
            "customer",
            "03:32:18.781Z",
            "e0efbd17-9139-439b-8c80-ebf2b9b703b9",
            "John",
            "I should be taking my business elsewhere. I don't see why I should be giving money to a company that isn't even going to sell a product that works.",
          ],
          [
            "agent",
            "03:32:24.123Z",
            "3673d926-6e75-4620-a6f0-7ea571790a15",
            "Jane",
            "Ok. Can I get your first and last name please?",
          ],
          [
            "customer",
            "03:32:29.879Z",
            "8fbb8dd4-9fd4-4991-83dc-5f06eeead9aa",
            "John",
            "Yeah. My first name is John and last name is Doe.",
          ],
          [
            "agent",
            "03:32:34.670Z",
            "46d37141-32d8-4f2e-a664-bcd3f34a68b3",
            "Jane",
            "Could you please provide me with the order ID number?",
          ],
          [
            "customer",
            "03:32:39.726Z",
            "3b856fd9-0eeb-4fb2-93ed-95ec4aeae3a6",
            "John",
            "Yes, just . Looking ...",
          ],
          [
            "agent",
            "03:32:44.887Z",
            "3c4a2a1e-6790-46a6-8ad4-4a0980b04795",
            "Jane",
            "Not a problem, take your time.",
          ],
          [
            "customer",
            "03:32:52.978Z",
            "ecb8c498-96d7-448b-8360-366eeddb4090",
            "John",
            "Okay, that should be #5376897. You know, if the product was fine I wouldn't have to scrounge through emails.",
          ],
          [
            "agent",
            "03:32:59.441Z",
            "f9cd41b6-3f68-4e83-a47d-664395f324c0",
            "Jane",
            "alright, perfect. And could you also just confirm the shipping address for me?",
          ],
          [
            "customer",
            "03:33:05.455Z",
            "d334058f-e3de-4cf1-a361-32e4e61f1839",
            "John",
            "123 Any Street, Any Town, and the zip code is 98109.",
          ],
          [
            "agent",
            "03:33:12.764Z",
            "21acf0fc-7259-4a08-b4cd-688eb56587d3",
            "Jane",
            "Thank you very much. Just waiting on my system here. .. I'll also need the last four digits of your debit card.",
          ],
          [
            "customer",
            "03:33:17.412Z",
            "3ec6adb5-3f11-409c-af39-40cf7ba6f078",
            "John",
            "Ok. Last four for my debit care are 9008",
          ],
          [
            "agent",
            "03:33:22.486Z",
            "2b8ba020-53ee-4053-b5b7-35364ac1c7df",
            "Jane",
            "It's just too bad. I thought this was going to be the best gift idea. How can you guys be sending out defective seeds? Isn't that your whole business?",
          ],
          [
            "agent",
            "03:33:38.961Z",
            "28d0a1ce-64d1-4625-bbef-4cfeb97b6742",
            "Jane",
            "I apologize for the experience you had Mr. Doe, its very uncommon that our customer will have this issue. We will look into this and get this sorted out for you right away.",
          ],
          [
            "customer",
            "03:33:44.192Z",
            "4b292b64-4a33-45ff-89df-d5a175d16d70",
            "John",
            "Well, my wife's birthday already passed, so. There's not too much you can do. But I would still like to grow the herbs for her, if possible.",
          ],
          [
            "agent",
            "03:33:51.310Z",
            "ef9b8622-32d5-4cfd-9ccc-a242502267bc",
            "Jane",
            "Totally understandable. Let me see what we can do for you. Please give me couple of minutes as I check the system.",
          ],
          [
            "agent",
            "03:33:56.287Z",
            "03a9de67-f9e1-4884-a1a3-ecea78a4ce9e",
            "Jane",
            "Thank you sir one moment please.",
          ],
          [
            "agent",
            "03:34:01.224Z",
            "cfee5ece-a671-4a11-9ec2-89aba4b7d688",
            "Jane",
            "Alright are you still there Mr Doe?",
          ],
          ["customer", "03:34:07.093Z", "2da5a3c2-9d1b-458c-ae53-759a4e63198d", "John", "Yeah."],
          [
            "agent",
            "03:34:12.562Z",
            "72cc8c8d-2199-422a-b363-01d6d3fdc851",
            "Jane",
            "We are not only refunding the cost of the grow-it-yourself indoor herb kit but we will also be sending you a replacement. Would you be okay with this?",
          ],
          [
            "customer",
            "03:34:17.029Z",
            "e23a2331-f3fc-4d3c-8a51-1541451186c9",
            "John",
            "Yeah! That would be great. I just want my wife to be able to have these herbs in her room. And I'm always happy to get my money back!",
          ],
          [
            "agent",
            "03:34:22.269Z",
            "61bb2591-fe87-44e4-bba0-a3619c4cef1f",
            "Jane",
            "Awesome! We really want to keep our customers happy and satisfied, and again I want to apologize for your less than satisfactory experience with the last product you ordered from us.",
          ],
          [
            "customer",
            "03:34:26.353Z",
            "5a27cc39-9b73-4ebe-9275-5e6723788a1b",
            "John",
            "Okay! No problem. Sounds great. Thank you for all your help!",
          ],
          [
            "agent",
            "03:34:31.431Z",
            "1761f27e-0989-4b6d-a046-fc03d2c6bc9c",
            "Jane",
            "Is there anything else I can help you out with John?",
          ],
          ["customer", "03:34:36.704Z", "540368c7-ec19-4fc0-8c86-0a5ee62d31a0", "John", "Nope!"],
          [
            "agent",
            "03:34:41.448Z",
            "8cdff161-dc25-44e6-986f-fc0e08ee0a7d",
            "Jane",
            "Ok great! Have a great day.",
          ],
        ] as const
      ).map(([role, time, id, speaker, text]) => [
        role,
        `2022-10-27T${time}`,
        id,
        speaker,
        text,
        undefined,
      ]),
    );
  });

  it("reads the redacted Contact Lens file of the chat, whose Participants carry no role", async () => {
    const { records } = await readRealFixture(
      "transcribe",
      "amazon/contact-lens-chat-redacted.json",
    );
    const [chat] = conversationsOf(records);
    // "[PII]" display names are not taken as the customer's name.
    expect(chat!.customer).toEqual({ externalId: "chat:contact-lens-chat-redacted.json" });
    expect(chat!.messages).toHaveLength(31);
    expect(chat!.messages.slice(3, 5).map((m) => [m.role, m.text, m.ts, m.externalId])).toEqual([
      [
        "agent",
        "Hello, thanks for reaching Example Corp. This is [PII]. How may I help you?",
        "2022-10-27T03:32:03.462Z",
        "e4949dd1-aaa1-4fbd-84e7-65c95b2d3d9a",
      ],
      [
        "customer",
        "I'd like to see if I can get a refund or an exchange, because I ordered one of your grow-it-yourself indoor herb garden kits and nothing sprouted after a couple weeks so I think something is wrong with the seeds and this product may be defective.",
        "2022-10-27T03:32:08.102Z",
        "bcc51949-3a79-4398-be1b-a27345a8a8ad",
      ],
    ]);
    expect(chat!.messages[17]).toMatchObject({
      role: "customer",
      ts: "2022-10-27T03:33:33.852Z",
      externalId: "c71ad383-f876-4bb3-b254-7837b6a3d395",
    });
  });

  it("reads a complete Call Analytics output file, whose Participants carry no ParticipantId", async () => {
    const { records } = await readRealFixture("transcribe", "amazon/mock_call_analytics_job.json");
    expect(records.filter((r) => r.kind === "reject")).toEqual([]);
    const [call] = conversationsOf(records);
    expect(call!.channel).toBe("phone");
    expect(call!.messages.map((m) => [m.role, m.text, m.startOffset, m.ts])).toEqual([
      [
        "customer",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit,",
        1.54,
        "2024-07-01T09:00:01.540Z",
      ],
      [
        "agent",
        "sed do eiusmod tempor incididunt ut labore et dolore magna aliqua",
        1.54,
        "2024-07-01T09:00:01.540Z",
      ],
      [
        "customer",
        "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat",
        4.84,
        "2024-07-01T09:00:04.840Z",
      ],
    ]);
  });
});
