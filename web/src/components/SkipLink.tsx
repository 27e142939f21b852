import { Button } from "@mantine/core";
import { useState } from "react";

/**
 * "Skip to main content": the first thing a keyboard user reaches on every signed-in page, so they need not
 * tab through the navigation each time (WCAG 2.4.1). Off screen until it has focus.
 */
export function SkipLink({ targetId }: { targetId: string }) {
  const [focused, setFocused] = useState(false);
  return (
    <Button
      component="a"
      href={`#${targetId}`}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onClick={(event) => {
        // Move focus without adding "#main" to the address.
        event.preventDefault();
        document.getElementById(targetId)?.focus();
      }}
      style={{
        position: "fixed",
        top: 8,
        left: 8,
        zIndex: 1000,
        transform: focused ? "none" : "translateY(-200%)",
      }}
    >
      Skip to main content
    </Button>
  );
}
