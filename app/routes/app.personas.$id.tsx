import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { PersonaEditor } from "../components/persona-editor";
import { RouteErrorBoundary } from "../components/route-error-boundary";
import { personaActionSchema, type PersonaFormValues } from "../schemas/personas";
import { parseWith, runFormAction, runService } from "../services/errors";
import { createPersona, deletePersona, getPersonaEditor, updatePersona } from "../services/personas.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return runService(() => getPersonaEditor(session.shop, params.id ?? ""));
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session, redirect } = await authenticate.admin(request);
  const id = params.id ?? "";
  const body = await request.json().catch(() => null);
  // Field errors go back to the form (a returned 400); anything else is the error page.
  return runFormAction(async () => {
    const parsed = parseWith(personaActionSchema, body);
    if (parsed.intent === "delete") await deletePersona(session.shop, id);
    else if (id === "new") await createPersona(session.shop, parsed.persona);
    else await updatePersona(session.shop, id, parsed.persona);
    return redirect("/app/personas");
  });
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

const NOT_FOUND = {
  title: "Persona not found",
  message: "This persona does not exist in your shop. It may have been deleted.",
  back: { content: "Personas", url: "/app/personas" },
};

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound={NOT_FOUND} />;
}
