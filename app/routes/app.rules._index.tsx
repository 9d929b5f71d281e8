import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigate } from "@remix-run/react";
import { Badge, Card, EmptyState, IndexTable, Page, Text } from "@shopify/polaris";
import { KIND_LABELS, SURFACE_LABELS } from "../components/labels";
import { RouteErrorBoundary } from "../components/route-error-boundary";
import { formatMinor } from "../domain/offers";
import { listRulesOverview } from "../services/offer-rules.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return listRulesOverview(session.shop, new Date());
};

export default function RulesList() {
  const { rules, currency } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const create = { content: "Create rule", onAction: () => navigate("/app/rules/new") };
  if (rules.length === 0) {
    return (
      <Page title="Offer rules" primaryAction={create}>
        <Card>
          <EmptyState heading="No rules yet" image="" action={create}>
            <p>Without rules, Cartlift shows automatic recommendations within your guardrails.</p>
          </EmptyState>
        </Card>
      </Page>
    );
  }
  return (
    <Page
      title="Offer rules"
      subtitle="Higher priority first. Figures: last 30 days, holdout excluded."
      primaryAction={create}
    >
      <Card padding="0">
        <IndexTable
          resourceName={{ singular: "rule", plural: "rules" }}
          itemCount={rules.length}
          selectable={false}
          headings={[
            { title: "Rule" },
            { title: "Status" },
            { title: "Kind" },
            { title: "Shown on" },
            { title: "Offers" },
            { title: "Impressions", alignment: "end" },
            { title: "Adds", alignment: "end" },
            { title: "Revenue", alignment: "end" },
          ]}
        >
          {rules.map(({ rule, offered, performance }, index) => (
            <IndexTable.Row
              id={rule.id}
              key={rule.id}
              position={index}
              onClick={() => navigate(`/app/rules/${rule.id}`)}
            >
              <IndexTable.Cell>
                <Text as="span" fontWeight="semibold">
                  {rule.name}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Badge tone={rule.active ? "success" : undefined}>{rule.active ? "Active" : "Paused"}</Badge>
              </IndexTable.Cell>
              <IndexTable.Cell>{KIND_LABELS[rule.kind]}</IndexTable.Cell>
              <IndexTable.Cell>{rule.surfaces.map((s) => SURFACE_LABELS[s]).join(", ")}</IndexTable.Cell>
              <IndexTable.Cell>{offered}</IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" alignment="end" numeric>
                  {performance.impressions.toLocaleString("en")}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" alignment="end" numeric>
                  {performance.adds.toLocaleString("en")}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" alignment="end" numeric>
                  {formatMinor(performance.revenueMinor, currency)}
                </Text>
              </IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      </Card>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
