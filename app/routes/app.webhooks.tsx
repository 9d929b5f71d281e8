import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Card, EmptyState, IndexTable, Layout, Page, Text } from "@shopify/polaris";
import { RouteErrorBoundary } from "../components/route-error-boundary";
import { deadLetterIntent } from "../schemas/webhooks";
import { parseWith, runFormAction } from "../services/errors";
import {
  countDeadLetters,
  listDeadLetters,
  REPLAY_BATCH,
  replayDeadLetters,
  type DeadLetterView,
} from "../services/webhook-dead-letters.server";
import { authenticate } from "../shopify.server";

const SHOWN = 100;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [pending, letters] = await Promise.all([countDeadLetters(session.shop), listDeadLetters(session.shop, SHOWN)]);
  return { pending, letters, replayBatch: REPLAY_BATCH };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  // A body that is not a form is bad input (400), not a server error.
  const form = Object.fromEntries(await request.formData().catch(() => new FormData()));
  return runFormAction(async () => {
    parseWith(deadLetterIntent, form);
    return { result: await replayDeadLetters(session.shop, admin) };
  });
};

export default function WebhookDeliveries() {
  const { pending, letters, replayBatch } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof action>();
  const result = fetcher.data && "result" in fetcher.data ? fetcher.data.result : null;
  return (
    <Page
      title="Webhook deliveries that could not be read"
      subtitle="Shopify sent them and Cartlift acknowledged them, but their content did not have the expected shape"
      backAction={{ content: "Home", url: "/app" }}
      primaryAction={{
        content: "Replay all",
        disabled: pending === 0,
        loading: fetcher.state !== "idle",
        onAction: () => fetcher.submit({ intent: "replay" }, { method: "post" }),
      }}
    >
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner
              tone={result.failed > 0 ? "warning" : "success"}
              title={replayTitle(result.replayed, result.failed)}
            >
              {result.pending > 0 ? (
                <p>
                  {result.pending} still waiting. Deliveries that fail again keep their new error; at most {replayBatch}{" "}
                  are replayed per press.
                </p>
              ) : null}
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card padding="0">{letters.length === 0 ? <NothingKept /> : <DeliveriesTable letters={letters} />}</Card>
        </Layout.Section>
        <Layout.Section>
          <Text as="p" tone="subdued">
            Replaying runs each waiting delivery again exactly as if Shopify had just sent it, so a delivery stored
            before a fix (in Cartlift, or in the shop&apos;s data) goes through once it can be read. Replaying a
            delivery twice changes nothing.
          </Text>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function replayTitle(replayed: number, failed: number): string {
  const done = `${replayed} ${replayed === 1 ? "delivery" : "deliveries"} replayed`;
  return failed > 0 ? `${done}, ${failed} still could not be read` : done;
}

function NothingKept() {
  return (
    <EmptyState heading="Every webhook delivery was read" image="">
      <p>When Shopify sends something Cartlift cannot read, it is kept here to be replayed.</p>
    </EmptyState>
  );
}

function DeliveriesTable({ letters }: { letters: DeadLetterView[] }) {
  const rows = letters.map((letter, index) => (
    <IndexTable.Row id={letter.id} key={letter.id} position={index}>
      <IndexTable.Cell>
        <BlockStack gap="100">
          <Text as="span" fontWeight="semibold">
            {letter.topic}
          </Text>
          {letter.replayedAt ? <Badge tone="success">Replayed</Badge> : <Badge tone="attention">Waiting</Badge>}
        </BlockStack>
      </IndexTable.Cell>
      <IndexTable.Cell>{formatTime(letter.receivedAt)}</IndexTable.Cell>
      <IndexTable.Cell>
        <div style={{ whiteSpace: "normal", maxWidth: "32rem" }}>
          <Text as="span" breakWord>
            {letter.error}
          </Text>
        </div>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Text as="span" numeric>
          {letter.attempts}
        </Text>
      </IndexTable.Cell>
    </IndexTable.Row>
  ));
  return (
    <IndexTable
      resourceName={{ singular: "delivery", plural: "deliveries" }}
      itemCount={letters.length}
      selectable={false}
      headings={[{ title: "Topic" }, { title: "Received" }, { title: "Error" }, { title: "Attempts" }]}
    >
      {rows}
    </IndexTable>
  );
}

// Server and browser may sit in different time zones: format in UTC so hydration matches.
function formatTime(iso: string): string {
  return `${new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
