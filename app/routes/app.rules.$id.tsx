import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  ChoiceList,
  FormLayout,
  InlineGrid,
  Layout,
  Page,
  RadioButton,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { ConditionRow } from "../components/condition-row";
import { KIND_LABELS, SURFACE_LABELS } from "../components/labels";
import { ProductPicker } from "../components/product-picker";
import { RouteErrorBoundary } from "../components/route-error-boundary";
import { emptyCondition, newRuleDraft, ruleToDraft, toRulePayload, type RuleDraft } from "../components/rule-draft";
import { OFFER_KINDS, SURFACES } from "../domain/offers";
import { runFormAction, runService } from "../services/errors";
import { getRuleEditor, removeRule, saveRule } from "../services/offer-rules.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return runService(() => getRuleEditor(session.shop, params.id ?? "new", new Date()));
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const id = params.id === "new" ? null : (params.id ?? null);
  const payload = await request.json().catch(() => null);
  return runFormAction(async () => {
    if (payload && typeof payload === "object" && "intent" in payload && payload.intent === "delete" && id) {
      await removeRule(session.shop, id);
      return redirect("/app/rules");
    }
    const rule = await saveRule(session.shop, id, payload);
    return redirect(`/app/rules/${rule.id}?saved=1`);
  });
};

export default function RuleEditor() {
  const { rule, currency, timeZoneLabel, schedule, facets, personas, selectedProducts } =
    useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors ?? {};
  const submit = useSubmit();
  const saving = useNavigation().state !== "idle";
  const [draft, setDraft] = useState<RuleDraft>(() =>
    rule
      ? ruleToDraft(rule, currency, new Map(selectedProducts.map((p) => [p.id, p.title])), schedule)
      : newRuleDraft(),
  );
  const set = (patch: Partial<RuleDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const conditionError = (i: number) => Object.entries(errors).find(([key]) => key.startsWith(`conditions.${i}`))?.[1];
  const save = () => submit(toRulePayload(draft), { method: "post", encType: "application/json" });
  const remove = () => submit({ intent: "delete" }, { method: "post", encType: "application/json" });

  return (
    <Page
      title={rule ? rule.name : "New rule"}
      backAction={{ content: "Rules", url: "/app/rules" }}
      primaryAction={{ content: "Save", onAction: save, loading: saving }}
      secondaryActions={rule ? [{ content: "Delete", destructive: true, onAction: remove }] : []}
    >
      <Layout>
        {Object.keys(errors).length > 0 ? (
          <Layout.Section>
            <Banner tone="critical" title="The rule was not saved">
              <ul>
                {Object.entries(errors).map(([field, message]) => (
                  <li key={field}>{field ? `${field}: ${message}` : message}</li>
                ))}
              </ul>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <FormLayout>
                <TextField
                  label="Name"
                  value={draft.name}
                  onChange={(name) => set({ name })}
                  autoComplete="off"
                  error={errors.name}
                />
                <FormLayout.Group>
                  <Select
                    label="Technique"
                    options={OFFER_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
                    value={draft.kind}
                    onChange={(kind) => set({ kind: kind as RuleDraft["kind"] })}
                    error={errors.kind}
                  />
                  <TextField
                    label="Priority"
                    type="number"
                    value={draft.priority}
                    onChange={(priority) => set({ priority })}
                    autoComplete="off"
                    helpText="Higher runs first when several rules match."
                    error={errors.priority}
                  />
                </FormLayout.Group>
                <Checkbox label="Active" checked={draft.active} onChange={(active) => set({ active })} />
              </FormLayout>
            </Card>
            <Card>
              <ChoiceList
                title="Show on"
                allowMultiple
                choices={SURFACES.map((s) => ({ value: s, label: SURFACE_LABELS[s] }))}
                selected={draft.surfaces}
                onChange={(surfaces) => set({ surfaces: surfaces as RuleDraft["surfaces"] })}
                error={errors.surfaces}
              />
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingSm">
                  When (all conditions must hold; none means always)
                </Text>
                {draft.conditions.map((condition, index) => (
                  <ConditionRow
                    key={condition.key}
                    condition={condition}
                    index={index}
                    facets={facets}
                    personas={personas}
                    currency={currency}
                    error={conditionError(index)}
                    onChange={(next) =>
                      set({ conditions: draft.conditions.map((c) => (c.key === next.key ? next : c)) })
                    }
                    onRemove={() => set({ conditions: draft.conditions.filter((c) => c.key !== condition.key) })}
                  />
                ))}
                <div>
                  <Button onClick={() => set({ conditions: [...draft.conditions, emptyCondition()] })}>
                    Add condition
                  </Button>
                </div>
              </BlockStack>
            </Card>
            <OfferCard draft={draft} set={set} errors={errors} currency={currency} />
            <ScheduleCard draft={draft} set={set} errors={errors} timeZoneLabel={timeZoneLabel} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function OfferCard({
  draft,
  set,
  errors,
  currency,
}: {
  draft: RuleDraft;
  set: (p: Partial<RuleDraft>) => void;
  errors: Record<string, string>;
  currency: string;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingSm">
          Offer
        </Text>
        <RadioButton
          label="Specific products"
          checked={draft.offerType === "products"}
          id="offer-products"
          name="offer"
          onChange={() => set({ offerType: "products" })}
        />
        <RadioButton
          label="Automatic: learned recommendations of this technique"
          checked={draft.offerType === "automatic"}
          id="offer-automatic"
          name="offer"
          onChange={() => set({ offerType: "automatic" })}
        />
        {draft.offerType === "products" ? (
          <ProductPicker
            label="Offered products"
            selected={draft.offerProducts}
            onChange={(offerProducts) => set({ offerProducts })}
            error={errors["offer.productIds"]}
          />
        ) : (
          <TextField
            label="How many at most"
            type="number"
            value={draft.automaticLimit}
            onChange={(automaticLimit) => set({ automaticLimit })}
            autoComplete="off"
            error={errors["offer.limit"]}
          />
        )}
        <InlineGrid columns={2} gap="200">
          <Select
            label="Discount"
            options={[
              { value: "none", label: "No discount" },
              { value: "percentage", label: "Percentage off" },
              { value: "fixed_amount", label: `Amount off (${currency})` },
            ]}
            value={draft.discountType}
            onChange={(discountType) => set({ discountType: discountType as RuleDraft["discountType"] })}
          />
          {draft.discountType !== "none" ? (
            <TextField
              label={draft.discountType === "percentage" ? "Percent" : `Amount (${currency})`}
              value={draft.discountValue}
              onChange={(discountValue) => set({ discountValue })}
              autoComplete="off"
              error={errors["discount.value"] ?? errors["discount.amount"]}
            />
          ) : null}
        </InlineGrid>
      </BlockStack>
    </Card>
  );
}

// The schedule is typed and shown in the shop's timezone (the loader converted it; the action
// converts back on the server), so a merchant abroad or a browser on another clock changes nothing.
function ScheduleCard({
  draft,
  set,
  errors,
  timeZoneLabel,
}: {
  draft: RuleDraft;
  set: (p: Partial<RuleDraft>) => void;
  errors: Record<string, string>;
  timeZoneLabel: string;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingSm">
          Schedule (optional)
        </Text>
        <InlineGrid columns={2} gap="200">
          <TextField
            label="Starts"
            type="datetime-local"
            value={draft.startsAt}
            onChange={(startsAt) => set({ startsAt })}
            autoComplete="off"
            error={errors.startsAt}
          />
          <TextField
            label="Ends"
            type="datetime-local"
            value={draft.endsAt}
            onChange={(endsAt) => set({ endsAt })}
            autoComplete="off"
            error={errors.endsAt}
          />
        </InlineGrid>
        <Text as="p" tone="subdued">
          {`Times are in ${timeZoneLabel}.`}
        </Text>
      </BlockStack>
    </Card>
  );
}

const NOT_FOUND = {
  title: "Rule not found",
  message: "This rule does not exist in your shop. It may have been deleted.",
  back: { content: "Rules", url: "/app/rules" },
};

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound={NOT_FOUND} />;
}
