import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Card, IndexTable, Page, Text } from "@shopify/polaris";
import { PersonaRow, unreachablePersonaIds } from "../components/persona-row";
import { RouteErrorBoundary } from "../components/route-error-boundary";
import { personaMoveSchema } from "../schemas/personas";
import { parseWith, runFormAction } from "../services/errors";
import { listPersonas, movePersona } from "../services/personas.server";
import { shopCurrency } from "../services/shop-settings.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [personas, currency] = await Promise.all([listPersonas(session.shop), shopCurrency(session.shop)]);
  return { personas, currency };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = Object.fromEntries(await request.formData().catch(() => new FormData()));
  return runFormAction(async () => {
    const { id, direction } = parseWith(personaMoveSchema, form);
    await movePersona(session.shop, id, direction);
    return { errors: null };
  });
};

const HEADINGS: [{ title: string }, ...{ title: string }[]] = [
  { title: "Order" },
  { title: "Persona" },
  { title: "Conditions" },
  { title: "Techniques (first tried first)" },
  { title: "Move" },
];

export default function PersonasPage() {
  const { personas, currency } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  const unreachable = unreachablePersonaIds(personas);
  return (
    <Page
      title="Personas"
      subtitle="Which techniques each kind of shopper gets, on every surface"
      primaryAction={{ content: "Add persona", url: "/app/personas/new" }}
    >
      <BlockStack gap="400">
        {actionData?.errors ? (
          <Banner tone="critical" title="The persona could not be moved">
            {Object.values(actionData.errors).join(" ")}
          </Banner>
        ) : null}
        <Text as="p" tone="subdued">
          Cartlift checks personas from the top down; the first active one whose conditions all hold decides which
          offers a shopper sees. Shoppers no persona matches get upsells on the product page and cross-sells elsewhere.
        </Text>
        <Card padding="0">
          <IndexTable
            resourceName={{ singular: "persona", plural: "personas" }}
            itemCount={personas.length}
            selectable={false}
            headings={HEADINGS}
          >
            {personas.map((persona, index) => (
              <PersonaRow
                key={persona.id}
                persona={persona}
                index={index}
                last={index === personas.length - 1}
                currency={currency}
                unreachable={unreachable.has(persona.id)}
                busy={busy}
                onMove={(direction) => submit({ id: persona.id, direction }, { method: "post" })}
              />
            ))}
          </IndexTable>
        </Card>
      </BlockStack>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
