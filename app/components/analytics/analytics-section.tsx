import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import type { AnalyticsView } from "../../schemas/analytics";
import type { FieldErrors } from "../../schemas/form-errors";
import { FunnelBarChart, FunnelStepsChart, RevenueChart } from "./charts";
import { DateRangeCard } from "./date-range";
import { formatDay } from "./format";
import { SummaryCards } from "./summary-cards";
import { FunnelTable, RankedTable } from "./tables";

/** The top of the admin home: the range, the summary, the charts and the tables. */
export function AnalyticsSection({ view, errors }: { view: AnalyticsView; errors: FieldErrors }) {
  return (
    <BlockStack gap="400">
      <DateRangeCard range={view.range} errors={errors} />
      <SummaryCards view={view} />
      {view.empty ? (
        <NoEventsYet view={view} />
      ) : (
        <>
          <RevenueChart view={view} />
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
            <FunnelStepsChart view={view} />
            <FunnelBarChart view={view} />
          </InlineGrid>
          <FunnelTable view={view} />
          <InlineGrid columns={{ xs: 1, lg: 2 }} gap="400">
            <RankedTable
              title="Top rules"
              heading="Rule"
              rows={view.topRules}
              currency={view.currency}
              empty="No rule showed an offer in this range."
            />
            <RankedTable
              title="Top offers"
              heading="Product offered"
              rows={view.topOffers}
              currency={view.currency}
              empty="No product was offered in this range."
            />
          </InlineGrid>
        </>
      )}
    </BlockStack>
  );
}

function NoEventsYet({ view }: { view: AnalyticsView }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h3" variant="headingMd">
          No offers shown between {formatDay(view.range.from)} and {formatDay(view.range.to)}
        </Text>
        <Text as="p">
          The charts fill in as shoppers see offers on your storefront and at checkout: impressions, clicks and adds are
          counted as they happen, purchases when an order with an offer line comes in.
        </Text>
        <Text as="p" tone="subdued">
          Check that the Cartlift app embed is on in your theme, or try a longer range.
        </Text>
      </BlockStack>
    </Card>
  );
}

/** Shown while Cartlift has not read the shop's currency and time zone from Shopify yet. */
export function AnalyticsUnavailable() {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingLg">
          Analytics
        </Text>
        <Text as="p" tone="subdued">
          Analytics appear once Cartlift has read your shop&apos;s currency and time zone from Shopify. Reload the page
          in a minute.
        </Text>
      </BlockStack>
    </Card>
  );
}
