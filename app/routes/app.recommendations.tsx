import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Text,
} from "@shopify/polaris";
import { RouteErrorBoundary } from "../components/route-error-boundary";
import { useRefreshWhile } from "../components/use-refresh-while";
import { recommendationsIntent } from "../schemas/orders";
import { parseWith, runFormAction } from "../services/errors";
import { requestOrderImport } from "../services/order-import.server";
import {
  getRecommendationsOverview,
  scheduleRetrain,
  type RecommendationsOverview,
  type SampleProduct,
} from "../services/recommendations.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return getRecommendationsOverview(session.shop);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  // A body that is not a form is bad input (400), not a server error.
  const form = Object.fromEntries(await request.formData().catch(() => new FormData()));
  return runFormAction(async () => {
    const { intent } = parseWith(recommendationsIntent, form);
    if (intent === "retrain") {
      // Training runs after this response; the page polls until the new model is in.
      scheduleRetrain(session.shop);
      return { intent: "retrain" as const, error: null };
    }
    const result = await requestOrderImport(session.shop, admin);
    return { intent: "import" as const, error: result.error };
  });
};

const POLL_MS = 2000;
const ACTIVE_IMPORT = new Set(["created", "running", "downloading"]);

export default function Recommendations() {
  const overview = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof action>();
  const training = overview.model.state !== "idle";
  useRefreshWhile(training || ACTIVE_IMPORT.has(overview.import?.status ?? ""), POLL_MS);
  const pending = fetcher.state !== "idle" ? fetcher.formData?.get("intent") : null;
  const actionError = fetcher.data && "error" in fetcher.data ? fetcher.data.error : null;
  const submit = (intent: "retrain" | "import") => fetcher.submit({ intent }, { method: "post" });

  return (
    <Page title="Recommendations" subtitle="Learned from your orders: what sells together, and what sells instead">
      <Layout>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
            <ModelCard model={overview.model} />
            <ImportCard summary={overview.import} actionError={actionError} />
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <InlineStack gap="300">
            <Button onClick={() => submit("import")} loading={pending === "import"}>
              Import order history
            </Button>
            <Button variant="primary" onClick={() => submit("retrain")} loading={pending === "retrain" || training}>
              Retrain now
            </Button>
          </InlineStack>
        </Layout.Section>
        <Layout.Section>
          <SamplesCard samples={overview.samples} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

// Server and browser may sit in different time zones: format in UTC so hydration matches.
function formatTime(iso: string | null): string {
  if (!iso) return "never";
  return `${new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <InlineStack align="space-between" gap="200">
      <Text as="span" tone="subdued">
        {label}
      </Text>
      <Text as="span" fontWeight="semibold">
        {value}
      </Text>
    </InlineStack>
  );
}

function ModelCard({ model }: { model: RecommendationsOverview["model"] }) {
  const origin = model.origin === "snapshot" ? "Stored snapshot" : model.origin === "trained" ? "In memory" : "None";
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between">
          <Text as="h2" variant="headingMd">
            Model
          </Text>
          {model.state === "idle" ? <Badge tone="success">Ready</Badge> : <Badge tone="attention">Training…</Badge>}
        </InlineStack>
        <Fact label="Last trained" value={formatTime(model.trainedAt)} />
        <Fact label="Orders learned from" value={model.orderCount.toLocaleString("en")} />
        <Fact
          label="Training time"
          value={model.durationMs === null ? "–" : `${model.durationMs.toLocaleString("en")} ms`}
        />
        <Fact label="Served from" value={origin} />
      </BlockStack>
    </Card>
  );
}

const IMPORT_TONE = {
  completed: "success",
  failed: "critical",
  created: "info",
  running: "info",
  downloading: "info",
} as const;

function ImportCard({
  summary,
  actionError,
}: {
  summary: RecommendationsOverview["import"];
  actionError: string | null;
}) {
  const error = actionError ?? (summary?.status === "failed" ? summary.error : null);
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between">
          <Text as="h2" variant="headingMd">
            Order history import
          </Text>
          {summary ? <Badge tone={IMPORT_TONE[summary.status]}>{summary.status}</Badge> : <Badge>not started</Badge>}
        </InlineStack>
        {error ? (
          <Banner tone="critical" title="The order import did not complete">
            <p>{error}</p>
          </Banner>
        ) : null}
        {summary?.status === "completed" && summary.error ? <Banner tone="warning">{summary.error}</Banner> : null}
        {summary?.status === "running" ? (
          <Text as="p" tone="subdued">
            Shopify is exporting your orders; the download starts when it is ready. Pressing the button again asks
            Shopify how far it is.
          </Text>
        ) : null}
        <Fact label="Orders imported" value={(summary?.ordersImported ?? 0).toLocaleString("en")} />
        <Fact label="Export lines processed" value={(summary?.linesProcessed ?? 0).toLocaleString("en")} />
        <Fact label="Started" value={formatTime(summary?.startedAt ?? null)} />
        <Fact label="Finished" value={formatTime(summary?.finishedAt ?? null)} />
      </BlockStack>
    </Card>
  );
}

function Suggestions({ items }: { items: SampleProduct[] }) {
  if (items.length === 0) return <Text as="span">–</Text>;
  return (
    <BlockStack gap="100">
      {items.map((item) => (
        <BlockStack key={item.id} gap="0">
          <Text as="span">{item.title}</Text>
          {/* Why the model picked it ("same type and vendor, the better tier"), when it says. */}
          {item.reason ? (
            <Text as="span" variant="bodySm" tone="subdued">
              {item.reason}
            </Text>
          ) : null}
        </BlockStack>
      ))}
    </BlockStack>
  );
}

function SamplesCard({ samples }: { samples: RecommendationsOverview["samples"] }) {
  const rows = samples.map((s) => [
    s.product.title,
    <Suggestions key="cross" items={s.crossSell} />,
    <Suggestions key="up" items={s.upsell} />,
    <Suggestions key="down" items={s.downSell} />,
  ]);
  return (
    <Card padding="0">
      <BlockStack gap="200">
        <div style={{ padding: "var(--p-space-400) var(--p-space-400) 0" }}>
          <Text as="h2" variant="headingMd">
            What your best sellers would get
          </Text>
        </div>
        {rows.length === 0 ? (
          <div style={{ padding: "0 var(--p-space-400) var(--p-space-400)" }}>
            <Text as="p" tone="subdued">
              No orders yet: import your order history, or wait for the first orders to arrive.
            </Text>
          </div>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "text"]}
            headings={["Product", "Bought together (cross-sell)", "Upsell", "Down-sell"]}
            rows={rows}
            verticalAlign="top"
          />
        )}
      </BlockStack>
    </Card>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
