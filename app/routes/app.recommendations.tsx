import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
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
import { ProductPicker } from "../components/product-picker";
import { RouteErrorBoundary } from "../components/route-error-boundary";
import { useRefreshWhile } from "../components/use-refresh-while";
import { recommendationsIntent, recommendationsQuery } from "../schemas/orders";
import { parseWith, runFormAction } from "../services/errors";
import { requestOrderImport } from "../services/order-import.server";
import {
  getRecommendationsOverview,
  scheduleRetrain,
  type RecommendationSample,
  type RecommendationsOverview,
  type SampleProduct,
} from "../services/recommendations.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const { product } = parseWith(recommendationsQuery, { product: query.product || undefined });
  return getRecommendationsOverview(session.shop, product);
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
          <CheckCard checked={overview.checked} />
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

const HEADINGS = ["Product", "Bought together (cross-sell)", "Upsell", "Down-sell"];

function sampleRows(samples: RecommendationSample[]) {
  return samples.map((s) => [
    s.product.title,
    <Suggestions key="cross" items={s.crossSell} />,
    <Suggestions key="up" items={s.upsell} />,
    <Suggestions key="down" items={s.downSell} />,
  ]);
}

function SamplesTable({ samples }: { samples: RecommendationSample[] }) {
  return (
    <DataTable
      columnContentTypes={["text", "text", "text", "text"]}
      headings={HEADINGS}
      rows={sampleRows(samples)}
      verticalAlign="top"
    />
  );
}

function CardTitle({ children }: { children: string }) {
  return (
    <div style={{ padding: "var(--p-space-400) var(--p-space-400) 0" }}>
      <Text as="h2" variant="headingMd">
        {children}
      </Text>
    </div>
  );
}

function CardNote({ children }: { children: React.ReactNode }) {
  return <div style={{ padding: "0 var(--p-space-400) var(--p-space-400)" }}>{children}</div>;
}

// Any product of the catalog, picked by search; the choice lives in the URL (?product=…).
function CheckCard({ checked }: { checked: RecommendationsOverview["checked"] }) {
  const [params, setParams] = useSearchParams();
  const sample = checked && "product" in checked ? checked : null;
  const pick = (products: { id: string }[]) => {
    const next = new URLSearchParams(params);
    if (products[0]) next.set("product", products[0].id);
    else next.delete("product");
    setParams(next, { preventScrollReset: true });
  };
  return (
    <Card padding="0">
      <BlockStack gap="200">
        <CardTitle>Check a product</CardTitle>
        <CardNote>
          <ProductPicker
            label="Product"
            single
            selected={sample ? [sample.product] : []}
            onChange={pick}
            helpText="What the storefront would offer beside it, and why. Substitutes a shopper has ordered before move up for them."
          />
        </CardNote>
        {checked && "missing" in checked ? (
          <CardNote>
            <Banner tone="warning">That product is not in your catalog (deleted, or not synced yet).</Banner>
          </CardNote>
        ) : null}
        {sample ? <SamplesTable samples={[sample]} /> : null}
      </BlockStack>
    </Card>
  );
}

function SamplesCard({ samples }: { samples: RecommendationsOverview["samples"] }) {
  return (
    <Card padding="0">
      <BlockStack gap="200">
        <CardTitle>What your best sellers would get</CardTitle>
        {samples.length === 0 ? (
          <CardNote>
            <Text as="p" tone="subdued">
              No orders yet: import your order history, or wait for the first orders to arrive.
            </Text>
          </CardNote>
        ) : (
          <SamplesTable samples={samples} />
        )}
      </BlockStack>
    </Card>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
