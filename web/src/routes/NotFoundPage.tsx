import { Button } from "@mantine/core";
import { Link } from "react-router";
import { EmptyMessage } from "../components/QueryState";

export function NotFoundPage() {
  return (
    <EmptyMessage title="Page not found">
      <span>
        Nothing lives at this address.{" "}
        <Button component={Link} to="/" variant="subtle" size="compact-sm">
          Go home
        </Button>
      </span>
    </EmptyMessage>
  );
}
