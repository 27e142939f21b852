import { describe, expect, it } from "vitest";
import { createInProcessHub } from "./hub.ts";
import type { LiveServerFrame } from "./live.schemas.ts";

const frame = (callId: string): LiveServerFrame => ({ type: "started", callId, seq: 0 });

describe("createInProcessHub", () => {
  it("delivers a call's frames only to subscribers of that org and call", () => {
    const hub = createInProcessHub();
    const heard: string[] = [];
    hub.subscribe("org-a", "call-1", () => heard.push("a1"));
    hub.subscribe("org-b", "call-1", () => heard.push("b1"));
    hub.subscribe("org-a", "call-2", () => heard.push("a2"));
    hub.publish("org-a", "call-1", frame("call-1"));
    expect(heard).toEqual(["a1"]);
  });

  it("stops delivering after unsubscribe, and one failing listener does not stop the others", () => {
    const errors: unknown[] = [];
    const hub = createInProcessHub((err) => errors.push(err));
    const heard: string[] = [];
    const off = hub.subscribe("o", "c", () => heard.push("first"));
    hub.subscribe("o", "c", () => {
      throw new Error("socket gone");
    });
    hub.subscribe("o", "c", () => heard.push("third"));
    hub.publish("o", "c", frame("c"));
    off();
    hub.publish("o", "c", frame("c"));
    expect(heard).toEqual(["first", "third", "third"]);
    expect(errors).toHaveLength(2);
  });
});
