/**
 * The analytics charts (Polaris Viz): revenue from offers by day, the funnel by kind or surface,
 * and the funnel's four steps. Polaris Viz needs the browser, so the server renders a box of the
 * chart's final height, and the chart loads into it after hydration: nothing moves (CLS 0) and the
 * markup the browser hydrates is the server's.
 */
import { BlockStack, Box, ButtonGroup, Button, Card, InlineStack, Text } from "@shopify/polaris";
import { lazy, Suspense, useEffect, useState } from "react";
import type { AnalyticsView, FunnelRow } from "../../schemas/analytics";
import { formatShortDay, money, percent } from "./format";

export interface ChartSeries {
  name: string;
  data: { key: string; value: number | null }[];
}

export interface ChartSpec {
  type: "line" | "bar" | "funnel";
  series: ChartSeries[];
  /** How the value axis and the tooltips write a value, and the key axis a key. */
  valueLabel?: (value: number) => string;
  keyLabel?: (key: string) => string;
}

const VizChart = lazy(() => import("./viz-chart"));

function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** A chart in a box of fixed height: empty on the server and until the chart's code has loaded. */
export function ChartFrame({ spec, height, label }: { spec: ChartSpec; height: number; label: string }) {
  const hydrated = useHydrated();
  const placeholder = (
    <div
      aria-hidden
      style={{ height, borderRadius: "var(--p-border-radius-200)", background: "var(--p-color-bg-surface-secondary)" }}
    />
  );
  return (
    <div style={{ height, position: "relative" }} role="figure" aria-label={label}>
      {hydrated ? <Suspense fallback={placeholder}>{<VizChart spec={spec} />}</Suspense> : placeholder}
    </div>
  );
}

function ChartCard({ title, note, children }: { title: string; note?: string; children: React.ReactNode }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h3" variant="headingMd">
          {title}
        </Text>
        {children}
        {note ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {note}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}

/** Net revenue from offers per day of the range, in the shop's zone. */
export function RevenueChart({ view }: { view: AnalyticsView }) {
  const spec: ChartSpec = {
    type: "line",
    series: [
      {
        name: "Revenue from offers",
        data: view.revenue.byDay.map((day) => ({ key: day.day, value: day.netRevenueMinor })),
      },
    ],
    valueLabel: (minor) => money(minor, view.currency),
    keyLabel: formatShortDay,
  };
  return (
    <ChartCard title="Revenue from offers by day" note="Net of refunds, on the day the order was placed.">
      <ChartFrame spec={spec} height={260} label="Line chart of revenue from offers by day" />
    </ChartCard>
  );
}

/** Impressions → clicks → adds → purchases, all offers together. */
export function FunnelStepsChart({ view }: { view: AnalyticsView }) {
  const { totals } = view.funnel;
  const spec: ChartSpec = {
    type: "funnel",
    series: [
      {
        name: "Offers",
        data: [
          { key: "Impressions", value: totals.impressions },
          { key: "Clicks", value: totals.clicks },
          { key: "Adds to cart", value: totals.adds },
          { key: "Purchases", value: totals.purchases },
        ],
      },
    ],
  };
  return (
    <ChartCard title="Funnel" note="Purchases are order lines an offer earned.">
      <ChartFrame spec={spec} height={280} label="Funnel chart from impressions to purchases" />
    </ChartCard>
  );
}

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Of each group's impressions, the share clicked, added and bought, by kind or by surface. */
export function FunnelBarChart({ view }: { view: AnalyticsView }) {
  const [by, setBy] = useState<"kind" | "surface">("kind");
  const rows: FunnelRow[] = by === "kind" ? view.funnel.byKind : view.funnel.bySurface;
  const series = (name: string, part: (row: FunnelRow) => number): ChartSeries => ({
    name,
    data: rows.map((row) => ({ key: row.label, value: rate(part(row), row.impressions) })),
  });
  const spec: ChartSpec = {
    type: "bar",
    series: [series("Clicked", (r) => r.clicks), series("Added", (r) => r.adds), series("Bought", (r) => r.purchases)],
    valueLabel: (share) => percent(share),
  };
  return (
    <ChartCard title="Funnel by technique or surface" note="Each step as a share of the group's impressions.">
      <InlineStack>
        <ButtonGroup variant="segmented">
          <Button pressed={by === "kind"} onClick={() => setBy("kind")}>
            By technique
          </Button>
          <Button pressed={by === "surface"} onClick={() => setBy("surface")}>
            By surface
          </Button>
        </ButtonGroup>
      </InlineStack>
      <Box>
        <ChartFrame key={by} spec={spec} height={236} label={`Bar chart of the funnel by ${by}`} />
      </Box>
    </ChartCard>
  );
}
