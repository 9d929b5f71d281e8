import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { BlockStack, Card, InlineGrid, Layout, List, Page, Text } from "@shopify/polaris";
import { AnalyticsSection, AnalyticsUnavailable } from "../components/analytics/analytics-section";
import { CatalogImportCard, catalogImportActive } from "../components/catalog-import-card";
import { DeadLettersBanner } from "../components/dead-letters-banner";
import { RouteErrorBoundary } from "../components/route-error-boundary";
import { useRefreshWhile } from "../components/use-refresh-while";
import { readAnalyticsRange } from "../schemas/analytics";
import { homeIntent } from "../schemas/home";
import { loadAnalytics } from "../services/analytics.server";
import { requestCatalogImport } from "../services/catalog-import.server";
import { parseWith, runFormAction } from "../services/errors";
import { getShopOverview } from "../services/shop-overview.server";
import { authenticate } from "../shopify.server";

// The analytics of ?from&to (a bad range: the last 30 days, and the field errors), then the overview.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { range, errors } = readAnalyticsRange(Object.fromEntries(new URL(request.url).searchParams));
  const [overview, analytics] = await Promise.all([getShopOverview(session.shop), loadAnalytics(session.shop, range)]);
  return { ...overview, analytics, rangeErrors: errors };
};

// "Import catalog" / "Try again": starts the import, or resumes or restarts a failed one.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  // A body that is not a form is bad input (400), not a server error.
  const form = Object.fromEntries(await request.formData().catch(() => new FormData()));
  return runFormAction(async () => {
    parseWith(homeIntent, form);
    const result = await requestCatalogImport(session.shop, admin);
    return { error: result.error };
  });
};

// How often the page re-reads an import's progress while it runs.
const PROGRESS_POLL_MS = 3000;

export default function Home() {
  const overview = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof action>();
  useRefreshWhile(catalogImportActive(overview.catalogImport), PROGRESS_POLL_MS);
  const requestError = fetcher.data && "error" in fetcher.data ? fetcher.data.error : null;
  // In the shop's zone (UTC until it is known), so the server's and the browser's text match.
  const lastOrder = overview.lastOrderAt
    ? new Date(overview.lastOrderAt).toLocaleDateString("en", {
        dateStyle: "medium",
        timeZone: overview.timezone ?? "UTC",
      })
    : "none yet";
  return (
    <Page title="Cartlift" subtitle={overview.name}>
      <Layout>
        <Layout.Section>
          {overview.analytics ? (
            <AnalyticsSection view={overview.analytics} errors={overview.rangeErrors} />
          ) : (
            <AnalyticsUnavailable />
          )}
        </Layout.Section>
        {overview.deadLetters > 0 ? (
          <Layout.Section>
            <DeadLettersBanner count={overview.deadLetters} />
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <CatalogImportCard
            progress={overview.catalogImport}
            timeZone={overview.timezone}
            requesting={fetcher.state !== "idle"}
            requestError={fetcher.state === "idle" ? requestError : null}
            onRequest={() => fetcher.submit({ intent: "import_catalog" }, { method: "post" })}
          />
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, sm: 3 }} gap="400">
            <Metric label="Products in catalog" value={overview.products} />
            <Metric label="Variants" value={overview.variants} />
            <Metric label="Orders to learn from" value={overview.orders} detail={`Last order: ${lastOrder}`} />
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                How Cartlift raises your average order value
              </Text>
              <List>
                <List.Item>Upsell: a premium version, side by side, on the product page.</List.Item>
                <List.Item>Cross-sell: complements in the cart and at checkout, learned from your orders.</List.Item>
                <List.Item>Down-sell: a cheaper alternative when a shopper removes an item.</List.Item>
              </List>
              <Text as="p" tone="subdued">
                Offers stay within your price cap and frequency limits, and a holdout group measures the lift.
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function Metric({ label, value, detail }: { label: string; value: number; detail?: string }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="heading2xl">
          {value.toLocaleString("en")}
        </Text>
        {detail ? (
          <Text as="p" tone="subdued">
            {detail}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
