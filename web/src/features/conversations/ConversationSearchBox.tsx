import { ActionIcon, CloseButton, TextInput } from "@mantine/core";
import { useEffect, useState, type FormEvent } from "react";

interface Props {
  value: string | null;
  onSearch: (q: string | null) => void;
}

/**
 * Searches on Enter or after a pause in typing. The URL stays the source of truth: clearing the filters
 * elsewhere empties the box.
 */
export function ConversationSearchBox({ value, onSearch }: Props) {
  const [text, setText] = useState(value ?? "");

  useEffect(() => {
    setText(value ?? "");
  }, [value]);

  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed === (value ?? "")) return;
    const timer = setTimeout(() => onSearch(trimmed || null), 600);
    return () => clearTimeout(timer);
  }, [text, value, onSearch]);

  function handleSubmit(e: FormEvent) {
    e.preventDefault();
    onSearch(text.trim() || null);
  }

  return (
    <form onSubmit={handleSubmit} style={{ flex: "1 1 320px" }}>
      <TextInput
        label="Search messages"
        type="search"
        placeholder='refund -voucher, "cancel my account", late or missing'
        description='Words, "exact phrases", -exclude, or'
        value={text}
        maxLength={200}
        onChange={(e) => setText(e.currentTarget.value)}
        leftSection={
          <ActionIcon type="submit" variant="subtle" color="gray" aria-label="Search" size="sm">
            <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true">
              <circle
                cx="10.5"
                cy="10.5"
                r="6.5"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
              />
              <path
                d="M15.5 15.5 21 21"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinecap="round"
              />
            </svg>
          </ActionIcon>
        }
        leftSectionPointerEvents="all"
        rightSection={
          text ? (
            <CloseButton
              size="sm"
              aria-label="Clear search"
              onClick={() => {
                setText("");
                onSearch(null);
              }}
            />
          ) : null
        }
      />
    </form>
  );
}
