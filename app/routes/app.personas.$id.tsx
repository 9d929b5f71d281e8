import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import {
  isRouteErrorResponse,
  useActionData,
  useLoaderData,
  useNavigation,
  useRouteError,
  useSubmit,
} from "@remix-run/react";
import { Banner, Page } from "@shopify/polaris";
import { boundary } from "@shopify/shopify-app-remix/server";
import { fieldErrors } from "../components/form-errors";
import { PersonaEditor } from "../components/persona-editor";
import { personaActionSchema, type PersonaFormValues } from "../schemas/personas";
import { toHttpResponse, ValidationError } from "../services/errors";
import { createPersona, deletePersona, getPersonaEditor, updatePersona } from "../services/personas.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  try {
    return await getPersonaEditor(session.shop, params.id ?? "");
  } catch (error) {
    throw toHttpResponse(error);
  }
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session, redirect } = await authenticate.admin(request);
  const parsed = personaActionSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, 400);
  const id = params.id ?? "";
  try {
    if (parsed.data.intent === "delete") await deletePersona(session.shop, id);
    else if (id === "new") await createPersona(session.shop, parsed.data.persona);
    else await updatePersona(session.shop, id, parsed.data.persona);
  } catch (error) {
    // Field errors go back to the form (a returned 400); anything else is the error page.
    if (error instanceof ValidationError) return data({ errors: error.fieldErrors }, 400);
    throw toHttpResponse(error);
  }
  return redirect("/app/personas");
};

export default function PersonaEditorRoute() {
  const { persona, form, currency } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  const post = (payload: { intent: "save"; persona: PersonaFormValues } | { intent: "delete" }) =>
    submit(payload, { method: "post", encType: "application/json" });
  return (
    <PersonaEditor
      // A new key per persona: the form's state starts afresh when the merchant opens another one.
      key={persona?.id ?? "new"}
      persona={persona}
      form={form}
      currency={currency}
      errors={actionData?.errors}
      busy={busy}
      onSave={(values) => post({ intent: "save", persona: values })}
      onDelete={() => post({ intent: "delete" })}
    />
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <Page title="Persona not found" backAction={{ content: "Personas", url: "/app/personas" }}>
        <Banner tone="warning">This persona does not exist in your shop. It may have been deleted.</Banner>
      </Page>
    );
  }
  return boundary.error(error);
}
