import { Button } from "@mantine/core";
import { Link } from "react-router";
import { PageHeader } from "../components/PageHeader";

export function NotFoundPage() {
  return (
    <PageHeader
      title="Page not found"
      description="Nothing lives at this address."
      actions={
        <Button component={Link} to="/" variant="light">
          Go home
        </Button>
      }
    />
  );
}
