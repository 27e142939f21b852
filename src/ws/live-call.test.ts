import { describe, expect, it } from "vitest";
import { LIVE_RESUME_FRAMES, LiveCall } from "./live-call.ts";

describe("LiveCall.framesAfter", () => {
  const call = new LiveCall("org-1", { type: "start", callId: "c-1" }, { now: new Date(0) });
  const total = LIVE_RESUME_FRAMES + 10;
  for (let i = 0; i < total; i++) {
    call.addUtterance({
      type: "utterance",
      callId: "c-1",
      speaker: i % 2 ? "customer" : "agent",
      text: `utterance ${i}`,
      startOffset: i,
      endOffset: i + 0.5,
    });
  }

  it("returns the frames after lastSeq while they are held", () => {
    const result = call.framesAfter(total - 3);
    expect("frames" in result && result.frames.map((f) => f.seq)).toEqual([total - 2, total - 1]);
  });

  it("says so when the missed frames are older than the window", () => {
    expect(call.framesAfter(0)).toMatchObject({ error: { code: "RESUME_UNAVAILABLE" } });
    const oldestHeld = total - LIVE_RESUME_FRAMES;
    expect(call.framesAfter(oldestHeld - 1)).toMatchObject({ frames: expect.any(Array) });
  });

  it("refuses a lastSeq the call never reached", () => {
    expect(call.framesAfter(total)).toMatchObject({ error: { code: "RESUME_AHEAD" } });
  });
});
