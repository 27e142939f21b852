import { Button, Group, Select, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { errorMessage } from "../../lib/api";
import type { CreateSurveyBody } from "../../lib/types";
import { newQuestion, QuestionsEditor, questionsOf, type DraftQuestion } from "./QuestionsEditor";
import { useCreateSurvey } from "./surveys.api";

const TYPES = [
  { value: "csat", label: "CSAT (1–5)" },
  { value: "nps", label: "NPS (0–10)" },
  { value: "ces", label: "CES (1–7, effort)" },
  { value: "custom", label: "Custom questions" },
];
type SurveyType = CreateSurveyBody["type"];

const WHEN = [
  { value: "conversation_resolved", label: "A conversation is resolved" },
  { value: "case_closed", label: "A complaint case is closed" },
  { value: "schedule", label: "Every 90 days (relationship)" },
  { value: "manual", label: "Only when sent by hand" },
] as const;
type When = (typeof WHEN)[number]["value"];

function triggerOf(when: When) {
  return when === "schedule" ? { event: when, everyDays: 90 } : { event: when };
}

/** "en, fr-CA" → ["en", "fr-CA"]: locale codes as the API takes them, first one the default. */
export function languagesOf(text: string): string[] {
  const codes = text
    .split(/[\s,]+/)
    .map((c) => c.trim())
    .filter((c) => /^[a-z]{2}(-[A-Z]{2})?$/.test(c));
  return codes.length ? [...new Set(codes)] : ["en"];
}

/**
 * Creates a survey: a standard one (CSAT, NPS, CES: the standard question and a comment, in
 * English and French) or one with custom questions, with its texts in each language listed.
 */
export function CreateSurveyForm() {
  const create = useCreateSurvey();
  const [name, setName] = useState("");
  const [type, setType] = useState<SurveyType>("csat");
  const [when, setWhen] = useState<When>("conversation_resolved");
  const [languageText, setLanguageText] = useState("en");
  const [titles, setTitles] = useState<Record<string, string>>({});
  const [questions, setQuestions] = useState<DraftQuestion[]>([newQuestion()]);
  const languages = languagesOf(languageText);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    const texts = Object.fromEntries(
      languages.flatMap((l) => (titles[l]?.trim() ? [[l, { title: titles[l].trim() }]] : [])),
    );
    create.mutate(
      {
        name: name.trim(),
        type,
        trigger: triggerOf(when),
        defaultLocale: languages[0],
        ...(Object.keys(texts).length ? { texts } : {}),
        ...(type === "custom" ? { questions: questionsOf(questions, languages) } : {}),
      },
      {
        onSuccess: () => {
          setName("");
          setTitles({});
          setQuestions([newQuestion()]);
        },
      },
    );
  }

  return (
    <form onSubmit={handleSubmit} aria-label="Create a survey">
      <Group align="flex-start" gap="sm" mb="sm" wrap="wrap">
        <TextInput
          label="Survey name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          w={260}
          error={create.isError ? errorMessage(create.error) : undefined}
        />
        <Select
          label="Type"
          data={TYPES}
          value={type}
          onChange={(v) => setType((v as SurveyType | null) ?? "csat")}
          allowDeselect={false}
          w={200}
        />
        <Select
          label="Send when"
          data={WHEN}
          value={when}
          onChange={(v) => setWhen((v as When | null) ?? "conversation_resolved")}
          allowDeselect={false}
          w={260}
        />
        <TextInput
          label="Languages"
          description="Locale codes, the first is the default"
          value={languageText}
          onChange={(e) => setLanguageText(e.currentTarget.value)}
          w={220}
        />
      </Group>
      <Group align="flex-start" gap="sm" mb="sm" wrap="wrap" grow>
        {languages.map((lang) => (
          <TextInput
            key={lang}
            label={`Page title (${lang})`}
            value={titles[lang] ?? ""}
            onChange={(e) => setTitles({ ...titles, [lang]: e.currentTarget.value })}
            maxLength={500}
          />
        ))}
      </Group>
      {type === "custom" && (
        <QuestionsEditor questions={questions} languages={languages} onChange={setQuestions} />
      )}
      <Group mb="xs">
        <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
          Create survey
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mb="md">
        {type === "custom"
          ? "The first rating question is the score; a low one opens a follow-up."
          : "The standard question with an optional comment, in English and French."}{" "}
        Every survey is sent under the contact-pressure budget below.
      </Text>
    </form>
  );
}
