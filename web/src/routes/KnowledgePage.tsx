import {
  Alert,
  Button,
  FileButton,
  Group,
  Modal,
  Stack,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useState } from "react";
import { PageHeader } from "../components/PageHeader";
import { EmptyMessage, ErrorState, LoadingState } from "../components/QueryState";
import {
  useArticles,
  useDeleteArticle,
  useImportArticles,
  useSaveArticle,
  type Article,
} from "../features/kb/kb.api";

type Draft = { id?: string; title: string; body: string; tags: string[] };

function formatOf(name: string): "markdown" | "html" | "csv" | null {
  const ext = name.toLowerCase().split(".").pop();
  if (ext === "md" || ext === "markdown") return "markdown";
  if (ext === "html" || ext === "htm") return "html";
  if (ext === "csv") return "csv";
  return null;
}

function ArticleForm({ draft, onClose }: { draft: Draft; onClose: () => void }) {
  const [value, setValue] = useState(draft);
  const save = useSaveArticle();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(value, { onSuccess: onClose });
      }}
    >
      <Stack>
        {save.error && <Alert color="red">{save.error.message}</Alert>}
        <TextInput
          label="Title"
          required
          value={value.title}
          onChange={(e) => setValue({ ...value, title: e.currentTarget.value })}
        />
        <Textarea
          label="Body (Markdown)"
          required
          autosize
          minRows={8}
          value={value.body}
          onChange={(e) => setValue({ ...value, body: e.currentTarget.value })}
        />
        <TagsInput
          label="Tags"
          value={value.tags}
          onChange={(tags) => setValue({ ...value, tags })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save article
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The knowledge base: list, search, write, edit and import articles (Markdown, HTML, CSV). */
export default function KnowledgePage() {
  const [q, setQ] = useState("");
  const [draft, setDraft] = useState<Draft | null>(null);
  const articles = useArticles(q);
  const remove = useDeleteArticle();
  const importer = useImportArticles();
  const [imported, setImported] = useState<string | null>(null);

  const handleFile = async (file: File | null) => {
    if (!file) return;
    const format = formatOf(file.name);
    if (!format) {
      setImported("Choose a .md, .html or .csv file.");
      return;
    }
    const content = await file.text();
    importer.mutate(
      { format, fileName: file.name, content },
      { onSuccess: (r) => setImported(`Imported ${r.created} new, ${r.updated} updated.`) },
    );
  };

  const edit = (a: Article) => setDraft({ id: a.id, title: a.title, body: a.body, tags: a.tags });
  return (
    <>
      <PageHeader
        title="Knowledge base"
        description="Articles agents see in the moment and the bot answers from."
        actions={
          <>
            <FileButton onChange={(f) => void handleFile(f)} accept=".md,.markdown,.html,.htm,.csv">
              {(props) => (
                <Button variant="default" loading={importer.isPending} {...props}>
                  Import file
                </Button>
              )}
            </FileButton>
            <Button onClick={() => setDraft({ title: "", body: "", tags: [] })}>New article</Button>
          </>
        }
      />
      {imported && (
        <Alert role="status" mb="md" withCloseButton onClose={() => setImported(null)}>
          {imported}
        </Alert>
      )}
      {importer.error && (
        <Alert color="red" mb="md">
          {importer.error.message}
        </Alert>
      )}
      <TextInput
        label="Search articles"
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        mb="md"
        maw={400}
      />
      {articles.isPending ? (
        <LoadingState />
      ) : articles.error ? (
        <ErrorState error={articles.error} />
      ) : articles.data.items.length === 0 ? (
        <EmptyMessage title="No articles">Write one or import a file.</EmptyMessage>
      ) : (
        <Table striped aria-label="Articles">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Title</Table.Th>
              <Table.Th>Tags</Table.Th>
              <Table.Th>Updated</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {articles.data.items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Text fw={600} size="sm">
                    {a.title}
                  </Text>
                  <Text size="xs" lineClamp={1}>
                    {a.body}
                  </Text>
                </Table.Td>
                <Table.Td>{a.tags.join(", ")}</Table.Td>
                <Table.Td>{new Date(a.updatedAt).toLocaleDateString()}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="compact-sm"
                      variant="default"
                      onClick={() => edit(a)}
                      aria-label={`Edit ${a.title}`}
                    >
                      Edit
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      aria-label={`Delete ${a.title}`}
                      onClick={() => remove.mutate(a.id)}
                    >
                      Delete
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        opened={draft !== null}
        onClose={() => setDraft(null)}
        title={draft?.id ? "Edit article" : "New article"}
        size="lg"
      >
        {draft && <ArticleForm draft={draft} onClose={() => setDraft(null)} />}
      </Modal>
    </>
  );
}
