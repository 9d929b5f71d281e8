/** The persona editor's condition builder: add conditions by type, edit their fields, remove them. */
import { useState, type ReactNode } from "react";
import { BlockStack, Box, Button, Checkbox, InlineError, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import type { Behaviour } from "../domain/offers";
import {
  BEHAVIOURS,
  blankFormCondition,
  PERSONA_CONDITION_TYPES,
  type PersonaFormCondition,
} from "../schemas/personas";
import { errorAt, type FieldErrors } from "../schemas/form-errors";
import { CONDITION_LABELS } from "./persona-summary";

interface Props {
  conditions: PersonaFormCondition[];
  currency: string;
  errors: FieldErrors | undefined;
  onChange: (conditions: PersonaFormCondition[]) => void;
}

const BEHAVIOUR_OPTIONS = {
  removed_items: "Removed an item from the cart",
  browsed_cheaper: "Viewed a cheaper version",
};

export function PersonaConditions({ conditions, currency, errors, onChange }: Props) {
  const [newType, setNewType] = useState<PersonaFormCondition["type"]>("customer_tag");
  // Stable keys: fields keep their own typed text, which must not move to a neighbour on removal.
  const [keys, setKeys] = useState(() => conditions.map((_, index) => index));
  const replace = (index: number, condition: PersonaFormCondition) =>
    onChange(conditions.map((existing, i) => (i === index ? condition : existing)));
  const remove = (index: number) => {
    setKeys(keys.filter((_, i) => i !== index));
    onChange(conditions.filter((_, i) => i !== index));
  };
  const add = () => {
    setKeys([...keys, Math.max(-1, ...keys) + 1]);
    onChange([...conditions, blankFormCondition(newType)]);
  };
  return (
    <BlockStack gap="300">
      {conditions.length === 0 ? (
        <Text as="p" tone="subdued">
          No conditions: this persona matches every shopper who reaches it.
        </Text>
      ) : null}
      {conditions.map((condition, index) => (
        <ConditionCard
          key={keys[index] ?? `extra-${index}`}
          title={`${index === 0 ? "" : "and "}${CONDITION_LABELS[condition.type]}`}
          onRemove={() => remove(index)}
        >
          <ConditionFields
            condition={condition}
            path={`conditions.${index}`}
            currency={currency}
            errors={errors}
            onChange={(next) => replace(index, next)}
          />
        </ConditionCard>
      ))}
      <InlineStack gap="200" blockAlign="end">
        <Box minWidth="220px">
          <Select
            label="Condition type"
            options={PERSONA_CONDITION_TYPES.map((type) => ({ label: CONDITION_LABELS[type], value: type }))}
            value={newType}
            onChange={(value) => setNewType(value as PersonaFormCondition["type"])}
          />
        </Box>
        <Button onClick={add}>Add condition</Button>
      </InlineStack>
    </BlockStack>
  );
}

function ConditionCard(props: { title: string; onRemove: () => void; children: ReactNode }) {
  return (
    <Box padding="300" borderWidth="025" borderColor="border" borderRadius="200">
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h3" variant="headingSm">
            {props.title}
          </Text>
          <Button variant="plain" tone="critical" onClick={props.onRemove} accessibilityLabel={`Remove ${props.title}`}>
            Remove
          </Button>
        </InlineStack>
        {props.children}
      </BlockStack>
    </Box>
  );
}

interface FieldsProps {
  condition: PersonaFormCondition;
  path: string;
  currency: string;
  errors: FieldErrors | undefined;
  onChange: (condition: PersonaFormCondition) => void;
}

function ConditionFields({ condition, path, currency, errors, onChange }: FieldsProps) {
  const error = (field: string) => errorAt(errors, `${path}.${field}`);
  switch (condition.type) {
    case "customer_tag":
      return (
        <ListField
          label="Customer tags (any of)"
          helpText="Comma-separated, e.g. vip, wholesale"
          values={condition.tags}
          error={error("tags")}
          onChange={(tags) => onChange({ ...condition, tags })}
        />
      );
    case "country":
      return (
        <ListField
          label="Countries (any of)"
          helpText="Two-letter codes, comma-separated, e.g. US, CA"
          values={condition.countries}
          error={error("countries")}
          onChange={(countries) => onChange({ ...condition, countries })}
        />
      );
    case "order_count":
    case "total_spent":
    case "cart_value":
      return <RangeFields condition={condition} currency={currency} error={error} onChange={onChange} />;
    case "behaviour":
      return <BehaviourFields condition={condition} error={error("anyOf")} onChange={onChange} />;
    case "b2b":
      return <Text as="p">The shopper is logged in as a buyer for a company (Shopify B2B).</Text>;
    case "new_visitor":
      return <Text as="p">The shopper has no customer account and no orders.</Text>;
    default: {
      const unknown: never = condition;
      return <Text as="p">Unknown condition {JSON.stringify(unknown)}</Text>;
    }
  }
}

function BehaviourFields(props: {
  condition: Extract<PersonaFormCondition, { type: "behaviour" }>;
  error: string | undefined;
  onChange: (condition: PersonaFormCondition) => void;
}) {
  const { condition, error, onChange } = props;
  const toggle = (behaviour: Behaviour, checked: boolean) =>
    onChange({
      ...condition,
      anyOf: checked ? [...condition.anyOf, behaviour] : condition.anyOf.filter((b) => b !== behaviour),
    });
  return (
    <BlockStack gap="100">
      {BEHAVIOURS.map((behaviour) => (
        <Checkbox
          key={behaviour}
          label={BEHAVIOUR_OPTIONS[behaviour]}
          checked={condition.anyOf.includes(behaviour)}
          onChange={(checked) => toggle(behaviour, checked)}
        />
      ))}
      {error ? <InlineError message={error} fieldID="behaviour" /> : null}
    </BlockStack>
  );
}

type RangeCondition = Extract<PersonaFormCondition, { min: string }>;

function RangeFields(props: {
  condition: RangeCondition;
  currency: string;
  error: (field: string) => string | undefined;
  onChange: (condition: PersonaFormCondition) => void;
}) {
  const { condition, currency, error, onChange } = props;
  const isMoney = condition.type !== "order_count";
  const field = (bound: "min" | "max") => (
    <TextField
      label={bound === "min" ? "At least" : "At most"}
      type={isMoney ? "text" : "number"}
      inputMode={isMoney ? "decimal" : "numeric"}
      suffix={isMoney ? currency : "orders"}
      placeholder="No limit"
      autoComplete="off"
      value={condition[bound]}
      error={error(bound)}
      onChange={(value) => onChange({ ...condition, [bound]: value })}
    />
  );
  return (
    <InlineStack gap="300" wrap={false}>
      <Box minWidth="160px">{field("min")}</Box>
      <Box minWidth="160px">{field("max")}</Box>
    </InlineStack>
  );
}

// Keeps the typed text (with its trailing comma) while the form holds the parsed list.
function ListField(props: {
  label: string;
  helpText: string;
  values: string[];
  error: string | undefined;
  onChange: (values: string[]) => void;
}) {
  const [text, setText] = useState(props.values.join(", "));
  return (
    <TextField
      label={props.label}
      helpText={props.helpText}
      autoComplete="off"
      value={text}
      error={props.error}
      onChange={(value) => {
        setText(value);
        props.onChange(
          value
            .split(",")
            .map((part) => part.trim())
            .filter((part) => part !== ""),
        );
      }}
    />
  );
}
