import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Banner, Card, FormLayout, Layout, Page, TextField } from "@shopify/polaris";
import { useState, type ReactNode } from "react";
import { errorAt, type FieldErrors } from "../schemas/form-errors";
import { SURFACE_LABELS } from "../components/labels";
import { RouteErrorBoundary } from "../components/route-error-boundary";
import { SURFACES, type Surface } from "../domain/offers";
import { toSettingsForm, type SettingsFormValues } from "../schemas/settings";
import { runFormAction } from "../services/errors";
import { getShopSettings, updateShopSettings } from "../services/shop-settings.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const view = await getShopSettings(session.shop);
  return { form: toSettingsForm(view, view.currency), currency: view.currency };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const payload = await request.json().catch(() => null);
  return runFormAction(async () => {
    const view = await updateShopSettings(session.shop, payload);
    return { errors: null, form: toSettingsForm(view, view.currency) };
  });
};

type NumberKey = Exclude<keyof SettingsFormValues, "maxOffersPerSurface" | "freeShippingThreshold">;

const SURFACE_HELP: Record<Surface, string> = {
  product: "Upsells or down-sells beside the product",
  cart: "Cross-sells in the cart page and drawer",
  cart_removal: "Down-sells after a shopper removes an item",
  checkout: "One-tap lines at checkout",
  thank_you: "Offers for a next order",
};

export default function SettingsPage() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  const [values, setValues] = useState<SettingsFormValues>(loaded.form);
  const fields: FieldProps = { values, errors: actionData?.errors ?? undefined, onChange: setValues };
  return (
    <Page
      title="Settings"
      subtitle="Guardrails every offer must pass, on every surface"
      primaryAction={{
        content: "Save",
        loading: busy,
        onAction: () => submit(values, { method: "post", encType: "application/json" }),
      }}
    >
      <Layout>
        {actionData ? (
          <Layout.Section>
            {actionData.errors ? (
              <Banner tone="critical" title="Nothing was saved">
                Fix the fields marked below.
              </Banner>
            ) : (
              <Banner tone="success" title="Settings saved" />
            )}
          </Layout.Section>
        ) : null}
        <LimitSections {...fields} />
        <FatigueSections {...fields} />
        <Section title="Free shipping" description="Gives shoppers a reason to add one more item.">
          <TextField
            label="Free-shipping threshold"
            inputMode="decimal"
            autoComplete="off"
            placeholder="No threshold"
            suffix={loaded.currency}
            value={values.freeShippingThreshold}
            error={errorAt(fields.errors, "freeShippingThreshold")}
            helpText="The cart shows “Add … for free shipping” with items that close the gap. Leave empty for no progress bar."
            onChange={(freeShippingThreshold) => setValues({ ...values, freeShippingThreshold })}
          />
        </Section>
      </Layout>
    </Page>
  );
}

interface FieldProps {
  values: SettingsFormValues;
  errors: FieldErrors | undefined;
  onChange: (values: SettingsFormValues) => void;
}

function LimitSections(fields: FieldProps) {
  const { values, errors, onChange } = fields;
  const cap = (surface: Surface) => (
    <TextField
      key={surface}
      label={SURFACE_LABELS[surface]}
      type="number"
      autoComplete="off"
      value={values.maxOffersPerSurface[surface]}
      error={errorAt(errors, `maxOffersPerSurface.${surface}`)}
      helpText={SURFACE_HELP[surface]}
      onChange={(value) =>
        onChange({ ...values, maxOffersPerSurface: { ...values.maxOffersPerSurface, [surface]: value } })
      }
    />
  );
  return (
    <>
      <Section title="Price cap" description="Keeps offers proportionate to what the shopper meant to spend.">
        <NumberField {...fields} name="priceCapPercent" label="Price cap" suffix="%">
          Offers never add more than {shown(values.priceCapPercent, "25")}% to the order (on the product page, to the
          price of the item in view). An upsell counts only what it costs over the item it replaces.
        </NumberField>
      </Section>
      <Section title="Offers per surface" description="Fewer, clearer suggestions convert better than long lists.">
        <FormLayout.Group condensed>{SURFACES.slice(0, 3).map(cap)}</FormLayout.Group>
        <FormLayout.Group condensed>{SURFACES.slice(3).map(cap)}</FormLayout.Group>
        <NumberField {...fields} name="maxBoughtTogether" label="Frequently bought together">
          Cross-sells on the product page, shown beside the upsell and counted apart from it.
        </NumberField>
      </Section>
    </>
  );
}

function FatigueSections(fields: FieldProps) {
  const { values } = fields;
  return (
    <>
      <Section title="Fatigue" description="Shoppers who said no are not asked again and again.">
        <NumberField {...fields} name="declineCooldownDays" label="Cooldown after a decline" suffix="days">
          An offer a shopper declined stays hidden from them for {shown(values.declineCooldownDays, "7")} days, on every
          surface.
        </NumberField>
        <NumberField
          {...fields}
          name="maxImpressionsPerOfferPerDay"
          label="Impressions per offer per day"
          suffix="times"
        >
          How often one shopper may see the same offer in 24 hours, counted across all surfaces.
        </NumberField>
      </Section>
      <Section title="Measurement" description="Lift is measured against shoppers who see no offers.">
        <NumberField {...fields} name="holdoutPercent" label="Holdout group" suffix="%">
          {shown(values.holdoutPercent, "5")}% of shoppers see no offers at all, so the revenue offers add is measured,
          not guessed.
        </NumberField>
        <NumberField {...fields} name="explorationPercent" label="Exploration" suffix="%">
          How often an automatic list leads with a lower-ranked product, so new products get a chance to prove
          themselves.
        </NumberField>
      </Section>
    </>
  );
}

type NumberFieldProps = FieldProps & { name: NumberKey; label: string; suffix?: string; children: ReactNode };

function NumberField({ values, errors, onChange, name, label, suffix, children }: NumberFieldProps) {
  return (
    <TextField
      label={label}
      type="number"
      autoComplete="off"
      suffix={suffix}
      value={values[name]}
      error={errorAt(errors, name)}
      helpText={children}
      onChange={(value) => onChange({ ...values, [name]: value })}
    />
  );
}

function Section({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <Layout.AnnotatedSection title={title} description={description}>
      <Card>
        <FormLayout>{children}</FormLayout>
      </Card>
    </Layout.AnnotatedSection>
  );
}

// Help text quotes the value being typed, or the default while the field is empty.
function shown(value: string, fallback: string): string {
  return value.trim() || fallback;
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
