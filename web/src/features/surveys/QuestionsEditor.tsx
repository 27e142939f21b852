import { Button, Fieldset, Group, NumberInput, Select, Textarea, TextInput } from "@mantine/core";
import type { CreateSurveyBody } from "../../lib/types";

export type QuestionKind = "rating" | "single" | "multiple" | "text";

/** A question as the form holds it: texts and options (one per line) per language. */
export interface DraftQuestion {
  kind: QuestionKind;
  texts: Record<string, string>;
  options: Record<string, string>;
  min: number;
  max: number;
}

const KINDS: { value: QuestionKind; label: string }[] = [
  { value: "rating", label: "Rating" },
  { value: "single", label: "Single choice" },
  { value: "multiple", label: "Multiple choice" },
  { value: "text", label: "Free text" },
];

export const newQuestion = (kind: QuestionKind = "rating"): DraftQuestion => ({
  kind,
  texts: {},
  options: {},
  min: 1,
  max: 5,
});

const lines = (text: string | undefined) =>
  (text ?? "")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * The API's questions from the drafts: ids q1, q2…, options o1, o2… in the order of the first
 * language's lines (another language's missing line falls back to the first language's).
 */
export function questionsOf(
  drafts: readonly DraftQuestion[],
  languages: readonly string[],
): NonNullable<CreateSurveyBody["questions"]> {
  const [first = "en"] = languages;
  const perLanguage = (texts: Record<string, string>) =>
    Object.fromEntries(languages.flatMap((l) => (texts[l]?.trim() ? [[l, texts[l].trim()]] : [])));
  return drafts.map((q, i) => ({
    id: `q${i + 1}`,
    kind: q.kind,
    texts: perLanguage(q.texts),
    ...(q.kind === "rating" ? { min: q.min, max: q.max } : {}),
    ...(q.kind === "single" || q.kind === "multiple"
      ? {
          options: lines(q.options[first]).map((line, k) => ({
            id: `o${k + 1}`,
            texts: Object.fromEntries(languages.map((l) => [l, lines(q.options[l])[k] ?? line])),
          })),
        }
      : {}),
  }));
}

/** Edits a custom survey's questions: kind, scale or options, and the text in every language. */
export function QuestionsEditor({
  questions,
  languages,
  onChange,
}: {
  questions: DraftQuestion[];
  languages: string[];
  onChange: (next: DraftQuestion[]) => void;
}) {
  const update = (i: number, patch: Partial<DraftQuestion>) =>
    onChange(questions.map((q, k) => (k === i ? { ...q, ...patch } : q)));
  return (
    <>
      {questions.map((q, i) => {
        const n = i + 1;
        return (
          <Fieldset key={i} legend={`Question ${n}`} mb="sm">
            <Group align="flex-end" gap="sm" wrap="wrap">
              <Select
                label={`Question ${n} kind`}
                data={KINDS}
                value={q.kind}
                onChange={(v) => update(i, { kind: (v as QuestionKind | null) ?? "rating" })}
                allowDeselect={false}
                w={180}
              />
              {q.kind === "rating" && (
                <>
                  <NumberInput
                    label={`Question ${n} lowest rating`}
                    min={0}
                    max={9}
                    value={q.min}
                    onChange={(v) => update(i, { min: Number(v) || 0 })}
                    w={190}
                  />
                  <NumberInput
                    label={`Question ${n} highest rating`}
                    min={1}
                    max={10}
                    value={q.max}
                    onChange={(v) => update(i, { max: Number(v) || 1 })}
                    w={190}
                  />
                </>
              )}
              <Button
                variant="subtle"
                color="red"
                disabled={questions.length === 1}
                onClick={() => onChange(questions.filter((_, k) => k !== i))}
              >
                Remove question {n}
              </Button>
            </Group>
            {languages.map((lang) => (
              <Group key={lang} align="flex-start" gap="sm" mt="xs" wrap="wrap" grow>
                <TextInput
                  label={`Question ${n} text (${lang})`}
                  value={q.texts[lang] ?? ""}
                  onChange={(e) =>
                    update(i, { texts: { ...q.texts, [lang]: e.currentTarget.value } })
                  }
                  maxLength={500}
                />
                {(q.kind === "single" || q.kind === "multiple") && (
                  <Textarea
                    label={`Question ${n} options (${lang}), one per line`}
                    value={q.options[lang] ?? ""}
                    onChange={(e) =>
                      update(i, { options: { ...q.options, [lang]: e.currentTarget.value } })
                    }
                    autosize
                    minRows={2}
                  />
                )}
              </Group>
            ))}
          </Fieldset>
        );
      })}
      <Button
        variant="light"
        mb="sm"
        disabled={questions.length >= 20}
        onClick={() => onChange([...questions, newQuestion("text")])}
      >
        Add question
      </Button>
    </>
  );
}
