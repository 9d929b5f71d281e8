import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, InlineGrid, Layout, List, Page, Text } from "@shopify/polaris";
import { RouteErrorBoundary } from "../components/route-error-boundary";
import { getShopOverview } from "../services/shop-overview.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return getShopOverview(session.shop);
};

export default function Home() {
  const overview = useLoaderData<typeof loader>();
  const lastOrder = overview.lastOrderAt
    ? new Date(overview.lastOrderAt).toLocaleDateString("en", { dateStyle: "medium" })
    : "none yet";
  return (
    <Page title="Cartlift" subtitle={overview.name}>
      <Layout>
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
