import { Badge, BlockStack, Card, InlineGrid, InlineStack, Text } from "@shopify/polaris";
import type { LiftEstimate, LiftVerdict } from "../../domain/analytics";
import type { AnalyticsView } from "../../schemas/analytics";
import { count, insufficientText, money, percent, signedMoney, signedPercent, signedPoints } from "./format";

/** Revenue from offers, and the lift of revenue per visitor, conversion and AOV against the holdout. */
export function SummaryCards({ view }: { view: AnalyticsView }) {
  const { revenue, lift, currency } = view;
  const cash = (minor: number) => money(minor, currency);
  return (
    <InlineGrid columns={{ xs: 1, sm: 2, lg: 4 }} gap="400">
      <SummaryCard
        title="Revenue from offers"
        value={cash(revenue.netRevenueMinor)}
        lines={[
          `${count(revenue.orders)} orders, ${count(revenue.purchases)} offer lines (${count(revenue.units)} units)`,
          revenue.refundedMinor > 0 ? `Net of ${cash(revenue.refundedMinor)} refunded` : "Net of refunds",
        ]}
      />
      <LiftCard
        title="Lift in revenue per visitor"
        verdict={lift.revenuePerVisitor}
        headline={(v) => signedPercent(v.relative)}
        lines={(v) => [
          `${signedPercent(v.relativeLow)} to ${signedPercent(v.relativeHigh)} (95% interval)`,
          `${signedMoney(v.difference, currency)} per shopper-week: ${cash(v.exposedMean)} with offers, ${cash(v.holdoutMean)} in the holdout`,
        ]}
      />
      <LiftCard
        title="Conversion"
        verdict={lift.conversion}
        headline={(v) => percent(v.exposedMean)}
        lines={(v) => [
          `${signedPoints(v.difference)} against ${percent(v.holdoutMean)} in the holdout`,
          `95% interval ${signedPoints(v.low)} to ${signedPoints(v.high)}`,
        ]}
      />
      <LiftCard
        title="Average order value"
        verdict={lift.averageOrderValue}
        headline={(v) => cash(v.exposedMean)}
        lines={(v) => [
          `${signedMoney(v.difference, currency)} against ${cash(v.holdoutMean)} in the holdout`,
          `95% interval ${signedMoney(v.low, currency)} to ${signedMoney(v.high, currency)}`,
        ]}
      />
    </InlineGrid>
  );
}

function SummaryCard({
  title,
  value,
  lines,
  badge,
  quiet = false,
}: {
  title: string;
  value: string;
  lines: string[];
  badge?: React.ReactNode;
  /** A value that is words, not a number ("Not enough data yet"): smaller, so it stays on one line. */
  quiet?: boolean;
}) {
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <Text as="h3" variant="headingSm" tone="subdued">
            {title}
          </Text>
          {badge}
        </InlineStack>
        <Text as="p" variant={quiet ? "headingLg" : "headingXl"}>
          {value}
        </Text>
        {lines.map((line) => (
          <Text key={line} as="p" variant="bodySm" tone="subdued">
            {line}
          </Text>
        ))}
      </BlockStack>
    </Card>
  );
}

interface LiftCardProps {
  title: string;
  verdict: LiftVerdict;
  headline: (estimate: LiftEstimate) => string;
  lines: (estimate: LiftEstimate) => string[];
}

// The estimate with its interval, or an honest "not enough data yet" with what is missing.
function LiftCard({ title, verdict, headline, lines }: LiftCardProps) {
  if (verdict.status === "insufficient") {
    return (
      <SummaryCard
        title={title}
        value="Not enough data yet"
        quiet
        lines={[insufficientText(verdict), "Measured against the holdout, by shopper-week."]}
      />
    );
  }
  return (
    <SummaryCard
      title={title}
      value={headline(verdict)}
      lines={lines(verdict)}
      badge={verdict.significant ? <Badge tone="success">Significant</Badge> : <Badge>Not significant</Badge>}
    />
  );
}
