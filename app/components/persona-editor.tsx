/** The persona editor page: name and status, conditions, techniques per surface; save and delete. */
import { useState, type ReactNode } from "react";
import { Badge, Banner, BlockStack, Card, Checkbox, Layout, Modal, Page, Text, TextField } from "@shopify/polaris";
import { BUILT_IN_DELETE_MESSAGE, type PersonaFormValues } from "../schemas/personas";
import { errorAt, type FieldErrors } from "../schemas/form-errors";
import { PersonaConditions } from "./persona-conditions";
import { PersonaTechniques } from "./persona-techniques";

interface Props {
  persona: { id: string; name: string; builtInKey: string | null } | null;
  form: PersonaFormValues;
  currency: string;
  errors: FieldErrors | undefined;
  busy: boolean;
  onSave: (values: PersonaFormValues) => void;
  onDelete: () => void;
}

export function PersonaEditor({ persona, form, currency, errors, busy, onSave, onDelete }: Props) {
  const [values, setValues] = useState(form);
  const [confirming, setConfirming] = useState(false);
  const builtIn = persona?.builtInKey != null;
  const deletable = persona !== null && !builtIn;
  return (
    <Page
      title={persona ? persona.name : "New persona"}
      titleMetadata={builtIn ? <Badge>Built-in</Badge> : undefined}
      backAction={{ content: "Personas", url: "/app/personas" }}
      primaryAction={{ content: "Save", loading: busy, onAction: () => onSave(values) }}
      secondaryActions={
        deletable ? [{ content: "Delete", destructive: true, disabled: busy, onAction: () => setConfirming(true) }] : []
      }
    >
      <Layout>
        <ErrorBanner errors={errors} />
        <Layout.Section>
          <BlockStack gap="400">
            <DetailsCard values={values} errors={errors} onChange={setValues} />
            <TitledCard title="Who this persona is" description="A shopper belongs to it when every condition holds.">
              <PersonaConditions
                conditions={values.conditions}
                currency={currency}
                errors={errors}
                onChange={(conditions) => setValues({ ...values, conditions })}
              />
            </TitledCard>
            <TitledCard title="Which offers they get">
              <PersonaTechniques
                techniques={values.techniques}
                errors={errors}
                onChange={(techniques) => setValues({ ...values, techniques })}
              />
            </TitledCard>
            {builtIn ? (
              <Text as="p" tone="subdued">
                {BUILT_IN_DELETE_MESSAGE}
              </Text>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
      <DeleteModal
        open={confirming}
        name={persona?.name ?? "persona"}
        busy={busy}
        onClose={() => setConfirming(false)}
        onDelete={() => {
          setConfirming(false);
          onDelete();
        }}
      />
    </Page>
  );
}

// Form-wide errors (e.g. a refused delete) in words; field errors point at their fields.
function ErrorBanner({ errors }: { errors: FieldErrors | undefined }) {
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <Layout.Section>
      <Banner tone="critical" title="The persona was not saved">
        {errors[""] ?? "Fix the fields marked below."}
      </Banner>
    </Layout.Section>
  );
}

function DetailsCard(props: {
  values: PersonaFormValues;
  errors: FieldErrors | undefined;
  onChange: (values: PersonaFormValues) => void;
}) {
  const { values, errors, onChange } = props;
  return (
    <Card>
      <BlockStack gap="300">
        <TextField
          label="Name"
          autoComplete="off"
          maxLength={80}
          value={values.name}
          error={errorAt(errors, "name")}
          onChange={(name) => onChange({ ...values, name })}
        />
        <Checkbox
          label="Active"
          helpText="An inactive persona is skipped: shoppers fall through to the next one."
          checked={values.active}
          onChange={(active) => onChange({ ...values, active })}
        />
      </BlockStack>
    </Card>
  );
}

function TitledCard(props: { title: string; description?: string; children: ReactNode }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {props.title}
        </Text>
        {props.description ? (
          <Text as="p" tone="subdued">
            {props.description}
          </Text>
        ) : null}
        {props.children}
      </BlockStack>
    </Card>
  );
}

function DeleteModal(props: { open: boolean; name: string; busy: boolean; onClose: () => void; onDelete: () => void }) {
  return (
    <Modal
      open={props.open}
      onClose={props.onClose}
      title={`Delete ${props.name}?`}
      primaryAction={{ content: "Delete", destructive: true, loading: props.busy, onAction: props.onDelete }}
      secondaryActions={[{ content: "Cancel", onAction: props.onClose }]}
    >
      <Modal.Section>
        <Text as="p">Shoppers it matched will fall through to the next persona. This can&apos;t be undone.</Text>
      </Modal.Section>
    </Modal>
  );
}
