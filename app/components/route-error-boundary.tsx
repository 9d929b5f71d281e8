/**
 * The one error boundary of the admin routes: a route exports
 * `export function ErrorBoundary() { return <RouteErrorBoundary notFound={…} />; }`.
 * It renders what a loader or action threw (app/services/errors.ts): a 404 as "<thing> not found"
 * with a way back, another 4xx with its message, anything else as a generic error. Shopify's own
 * thrown responses (bounce pages, re-auth headers: their bodies are not JSON objects) go to the
 * library's boundary, which must handle them for embedded auth to work.
 */
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Page, Text } from "@shopify/polaris";
import { boundary } from "@shopify/shopify-app-remix/server";

export interface BackLink {
  /** The page it leads to, e.g. "Rules". */
  content: string;
  url: string;
}

export interface RouteErrorBoundaryProps {
  /** What a 404 says: e.g. `{ title: "Rule not found", back: { content: "Rules", url: "/app/rules" } }`. */
  notFound?: { title: string; message?: string; back: BackLink };
}

const HOME: BackLink = { content: "Home", url: "/app" };

/** Renders the error the current route threw. */
export function RouteErrorBoundary({ notFound }: RouteErrorBoundaryProps) {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    if (!isJsonObject(error.data)) return boundary.error(error);
    if (error.status === 404) {
      const back = notFound?.back ?? HOME;
      return (
        <ErrorPage
          title={notFound?.title ?? "Page not found"}
          message={notFound?.message ?? "It does not exist in your shop. It may have been deleted."}
          back={back}
        />
      );
    }
    if (error.status < 500) {
      return <ErrorPage title="This could not be done" message={messageOf(error.data)} back={HOME} />;
    }
  }
  return (
    <ErrorPage
      title="Something went wrong"
      message="Cartlift could not show this page. Nothing was changed; try again in a moment."
      back={HOME}
    />
  );
}

function ErrorPage({ title, message, back }: { title: string; message: string; back: BackLink }) {
  return (
    <Page title={title} backAction={back}>
      <Card>
        <BlockStack gap="300">
          <Text as="p">{message}</Text>
          <InlineStack>
            <Button url={back.url}>{`Back to ${back.content.toLowerCase()}`}</Button>
          </InlineStack>
        </BlockStack>
      </Card>
    </Page>
  );
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

// Field errors (`{ errors }`) or a message (`{ error }`); the text is written for the merchant.
function messageOf(data: Record<string, unknown>): string {
  if (typeof data.error === "string") return capitalize(data.error);
  if (isJsonObject(data.errors)) {
    const messages = Object.values(data.errors).filter((m): m is string => typeof m === "string");
    if (messages.length > 0) return messages.join(" ");
  }
  return "The request was not valid.";
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
