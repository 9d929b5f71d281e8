import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Card, IndexTable, Page, Text } from "@shopify/polaris";
import { fieldErrors } from "../components/form-errors";
import { PersonaRow, unreachablePersonaIds } from "../components/persona-row";
import { personaMoveSchema } from "../schemas/personas";
import { toHttpResponse } from "../services/errors";
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
  const parsed = personaMoveSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, 400);
  try {
    await movePersona(session.shop, parsed.data.id, parsed.data.direction);
  } catch (error) {
    throw toHttpResponse(error);
  }
  return { errors: null };
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
