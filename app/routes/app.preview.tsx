import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Card,
  FormLayout,
  InlineStack,
  Layout,
  List,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { KIND_LABELS, SURFACE_LABELS } from "../components/labels";
import { ProductPicker, type PickedProduct } from "../components/product-picker";
import { RouteErrorBoundary } from "../components/route-error-boundary";
import {
  credibleRange,
  formatMinor,
  SURFACES,
  type CandidatePosterior,
  type OfferDecision,
  type Surface,
} from "../domain/offers";
import { runFormAction } from "../services/errors";
import { previewOffers } from "../services/offer-preview.server";
import { listPersonas } from "../services/personas.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const personas = await listPersonas(session.shop);
  return { personas: personas.filter((p) => p.active).map((p) => ({ id: p.id, name: p.name })) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const payload = await request.json().catch(() => null);
  return runFormAction(async () => ({ result: await previewOffers(session.shop, payload, new Date()) }));
};

export default function OfferPreview() {
  const { personas } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  // The action answers either a result or the question's field errors.
  const result = answer && "result" in answer ? answer.result : null;
  const errors = answer && "errors" in answer ? answer.errors : {};
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  const [surface, setSurface] = useState<Surface>("product");
  const [as, setAs] = useState(personas[0] ? `persona:${personas[0].id}` : "visitor");
  const [customerId, setCustomerId] = useState("");
  const [product, setProduct] = useState<PickedProduct[]>([]);
  const [cart, setCart] = useState<PickedProduct[]>([]);
  const asPayload: Record<string, string> =
    as === "visitor"
      ? { type: "visitor" }
      : as === "customer"
        ? { type: "customer", customerId }
        : { type: "persona", personaId: as.slice("persona:".length) };
  const run = () =>
    submit(
      {
        surface,
        as: asPayload,
        ...(product[0] ? { productId: product[0].id } : {}),
        cartProductIds: cart.map((p) => p.id),
      },
      { method: "post", encType: "application/json" },
    );
  const needsProduct = surface === "product" || surface === "cart_removal";

  return (
    <Page
      title="Offer preview"
      subtitle="What the engine would show, and why. Nothing is recorded."
      primaryAction={{ content: "Preview", onAction: run, loading: busy }}
    >
      <Layout>
        <Layout.Section variant="oneThird">
          <Card>
            <FormLayout>
              <Select
                label="Where"
                options={SURFACES.map((s) => ({ value: s, label: SURFACE_LABELS[s] }))}
                value={surface}
                onChange={(v) => setSurface(v as Surface)}
                error={errors.surface}
              />
              <Select
                label="As"
                options={[
                  ...personas.map((p) => ({ value: `persona:${p.id}`, label: `Persona: ${p.name}` })),
                  { value: "visitor", label: "A new visitor" },
                  { value: "customer", label: "A customer (by id)" },
                ]}
                value={as}
                onChange={setAs}
                error={errors["as.personaId"]}
              />
              {as === "customer" ? (
                <TextField
                  label="Customer id"
                  value={customerId}
                  onChange={setCustomerId}
                  autoComplete="off"
                  placeholder="gid://shopify/Customer/123"
                  error={errors["as.customerId"]}
                />
              ) : null}
              {needsProduct ? (
                <ProductPicker
                  single
                  label={surface === "product" ? "Product in view" : "Product removed from the cart"}
                  selected={product}
                  onChange={setProduct}
                  error={errors.productId}
                />
              ) : null}
              <ProductPicker label="Cart" selected={cart} onChange={setCart} error={errors.cartProductIds} />
            </FormLayout>
          </Card>
        </Layout.Section>
        <Layout.Section>
          {result ? (
            <PreviewResultView result={result} />
          ) : (
            <Card>
              <Text as="p" tone="subdued">
                Choose a surface, a shopper and products, then Preview.
              </Text>
            </Card>
          )}
        </Layout.Section>
      </Layout>
    </Page>
  );
}

type Result = Awaited<ReturnType<typeof previewOffers>>;

function PreviewResultView({ result }: { result: Result }) {
  const { trace, titles, currency } = result;
  return (
    <BlockStack gap="400">
      <Banner
        tone={trace.decisions.length > 0 ? "success" : "info"}
        title={`${trace.decisions.length} offer(s) for ${result.subject}`}
      >
        <p>{trace.persona ? trace.persona.explanation : "No persona matched: the default techniques apply."}</p>
      </Banner>
      {trace.decisions.map((decision) => (
        <DecisionCard key={decision.offerKey} decision={decision} titles={titles} currency={currency} />
      ))}
      {trace.posteriors?.length ? <PosteriorCard posteriors={trace.posteriors} titles={titles} /> : null}
      {trace.rejected.length > 0 ? (
        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingSm">
              Not shown
            </Text>
            <List>
              {trace.rejected.slice(0, 25).map((r, i) => (
                <List.Item key={`${r.productId}-${r.guardrail}-${i}`}>
                  {r.productId ? `${titles[r.productId] ?? r.productId}: ` : ""}
                  {r.reason}
                </List.Item>
              ))}
            </List>
          </BlockStack>
        </Card>
      ) : null}
    </BlockStack>
  );
}

function DecisionCard({
  decision,
  titles,
  currency,
}: {
  decision: OfferDecision;
  titles: Record<string, string>;
  currency: string;
}) {
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack gap="200" blockAlign="center">
          <Badge tone={decision.kind === "upsell" ? "info" : decision.kind === "cross_sell" ? "success" : "warning"}>
            {KIND_LABELS[decision.kind]}
          </Badge>
          <Text as="h3" variant="headingSm">
            {decision.title}
          </Text>
          <Text as="span">{formatMinor(decision.finalPriceMinor, currency)}</Text>
          {decision.finalPriceMinor !== decision.priceMinor ? (
            <Text as="span" tone="subdued" textDecorationLine="line-through">
              {formatMinor(decision.priceMinor, currency)}
            </Text>
          ) : null}
        </InlineStack>
        {decision.comparesTo ? (
          <Text as="p" tone="subdued">
            Instead of {titles[decision.comparesTo.productId] ?? decision.comparesTo.productId} (
            {formatMinor(decision.comparesTo.priceMinor, currency)}), {decision.priceDeltaMinor! >= 0 ? "+" : "−"}
            {formatMinor(Math.abs(decision.priceDeltaMinor ?? 0), currency)}
          </Text>
        ) : null}
        <Text as="p">Why: {decision.reason}</Text>
      </BlockStack>
    </Card>
  );
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

// The range is mean ± 1.96 sd of the Beta posterior (a normal approximation, rough for few adds).
function PosteriorCard({ posteriors, titles }: { posteriors: CandidatePosterior[]; titles: Record<string, string> }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingSm">
          Accept rates behind the order
        </Text>
        <Text as="p" tone="subdued">
          Each candidate in the order it was tried: estimated accept rate and 95% credible range from this shop&apos;s
          impressions and adds.
        </Text>
        <List>
          {posteriors.map((p, i) => {
            const [low, high] = credibleRange(p);
            return (
              <List.Item key={`${p.kind}-${p.ruleId}-${p.productId}-${i}`}>
                {titles[p.productId] ?? p.productId} ({KIND_LABELS[p.kind]}, ranked {p.rank + 1}): {percent(p.mean)} (
                {percent(low)}–{percent(high)})
              </List.Item>
            );
          })}
        </List>
      </BlockStack>
    </Card>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
