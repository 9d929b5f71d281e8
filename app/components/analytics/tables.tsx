import { BlockStack, Button, ButtonGroup, Card, DataTable, InlineStack, Text } from "@shopify/polaris";
import { useState } from "react";
import type { AnalyticsView, FunnelRow } from "../../schemas/analytics";
import { count, money } from "./format";

function CardHeading({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div style={{ padding: "var(--p-space-400) var(--p-space-400) 0" }}>
      <InlineStack align="space-between" blockAlign="center" gap="200">
        <Text as="h3" variant="headingMd">
          {title}
        </Text>
        {children}
      </InlineStack>
    </div>
  );
}

function Empty({ children }: { children: string }) {
  return (
    <div style={{ padding: "0 var(--p-space-400) var(--p-space-400)" }}>
      <Text as="p" tone="subdued">
        {children}
      </Text>
    </div>
  );
}

const GROUPS = {
  kind: { button: "Technique", heading: "Technique" },
  surface: { button: "Surface", heading: "Surface" },
  persona: { button: "Persona", heading: "Persona" },
} as const;

/** The funnel's numbers by technique, surface or persona, with the totals as the last row. */
export function FunnelTable({ view }: { view: AnalyticsView }) {
  const [by, setBy] = useState<keyof typeof GROUPS>("kind");
  const { funnel, currency } = view;
  const rows = by === "kind" ? funnel.byKind : by === "surface" ? funnel.bySurface : funnel.byPersona;
  const cells = (row: Omit<FunnelRow, "key" | "label">) => [
    count(row.impressions),
    count(row.clicks),
    count(row.adds),
    count(row.purchases),
    money(row.netRevenueMinor, currency),
  ];
  return (
    <Card padding="0">
      <BlockStack gap="200">
        <CardHeading title="Funnel by group">
          <ButtonGroup variant="segmented">
            {(Object.keys(GROUPS) as (keyof typeof GROUPS)[]).map((key) => (
              <Button key={key} pressed={by === key} onClick={() => setBy(key)}>
                {GROUPS[key].button}
              </Button>
            ))}
          </ButtonGroup>
        </CardHeading>
        <DataTable
          columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
          headings={[GROUPS[by].heading, "Impressions", "Clicks", "Adds", "Purchases", "Revenue"]}
          rows={rows.map((row) => [row.label, ...cells(row)])}
          totals={["", ...cells(funnel.totals)]}
          totalsName={{ singular: "All offers", plural: "All offers" }}
          showTotalsInFooter
        />
      </BlockStack>
    </Card>
  );
}

/** The top rules or offers by net revenue, with what they were shown and added. */
export function RankedTable({
  title,
  rows,
  currency,
  heading,
  empty,
}: {
  title: string;
  rows: FunnelRow[];
  currency: string;
  heading: string;
  empty: string;
}) {
  return (
    <Card padding="0">
      <BlockStack gap="200">
        <CardHeading title={title} />
        {rows.length === 0 ? (
          <Empty>{empty}</Empty>
        ) : (
          <DataTable
            columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
            headings={[heading, "Impressions", "Adds", "Purchases", "Revenue"]}
            rows={rows.map((row) => [
              row.label,
              count(row.impressions),
              count(row.adds),
              count(row.purchases),
              money(row.netRevenueMinor, currency),
            ])}
          />
        )}
      </BlockStack>
    </Card>
  );
}
