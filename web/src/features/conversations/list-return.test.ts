import { describe, expect, it } from "vitest";
import { listReturnPath, rememberListSearch } from "./list-return";

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe("the way back to the conversation list", () => {
  it("returns to the list as it was last shown, search and filters included", () => {
    const storage = memoryStorage();
    rememberListSearch("?q=refund&channel=email", storage);
    expect(listReturnPath(storage)).toBe("/conversations?q=refund&channel=email");
    rememberListSearch("", storage);
    expect(listReturnPath(storage)).toBe("/conversations");
  });

  it("goes to the unfiltered list when nothing was kept or storage refuses", () => {
    expect(listReturnPath(memoryStorage())).toBe("/conversations");
    const refusing = {
      getItem: (): string | null => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    expect(() => rememberListSearch("?q=x", refusing)).not.toThrow();
    expect(listReturnPath(refusing)).toBe("/conversations");
  });

  it("never turns a kept value into another path", () => {
    const storage = memoryStorage();
    storage.setItem("rapport.conversations.list-search", "//evil.example/x");
    expect(listReturnPath(storage)).toBe("/conversations");
  });
});
