import { describe, expect, it } from "vitest";
import { nameFor, type PersonaProfile } from "./profile.ts";

const profile = (p: Partial<PersonaProfile>): PersonaProfile => ({
  channelMix: { chat: 0, email: 0, phone: 1, other: 0 },
  contactsPer30Days: 1,
  effort: null,
  sentiment: null,
  satisfaction: null,
  value: null,
  needs: [],
  delights: [],
  frustrations: [],
  examples: [],
  ...p,
});

describe("nameFor", () => {
  it("names mood, frequency, channel and need in sentence case", () => {
    const all = { contacts: 1, sentiment: 0 };
    expect(
      nameFor(profile({ sentiment: 0.5, needs: [{ reason: "delivery_options", share: 1 }] }), all),
    ).toBe("Contented regular phone customers · delivery options");
    expect(nameFor(profile({ sentiment: -0.5, contactsPer30Days: 3 }), all)).toBe(
      "Frustrated frequent phone customers",
    );
    expect(
      nameFor(
        profile({ channelMix: { chat: 0, email: 0, phone: 0, other: 1 }, contactsPer30Days: 0.2 }),
        all,
      ),
    ).toBe("Occasional social and SMS customers");
  });
});
