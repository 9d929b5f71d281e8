import { BlockStack, Button, ChoiceList, InlineGrid, InlineStack, Select, TextField } from "@shopify/polaris";
import type { CatalogFacets } from "../schemas/rules";
import { ProductPicker } from "./product-picker";
import { LIST_FIELD, splitList, type ConditionDraft, type ConditionType } from "./rule-draft";

export const CONDITION_OPTIONS: { value: ConditionType; label: string }[] = [
  { value: "product_in_view", label: "Product in view is…" },
  { value: "product_in_cart", label: "Cart contains product…" },
  { value: "variant_in_cart", label: "Cart contains variant id…" },
  { value: "collection_in_view", label: "Product in view is in collection…" },
  { value: "collection_in_cart", label: "Cart has a product in collection…" },
  { value: "product_type_in_view", label: "Product in view has type…" },
  { value: "product_type_in_cart", label: "Cart has a product of type…" },
  { value: "tag_in_view", label: "Product in view is tagged…" },
  { value: "tag_in_cart", label: "Cart has a product tagged…" },
  { value: "vendor_in_view", label: "Product in view is by vendor…" },
  { value: "vendor_in_cart", label: "Cart has a product by vendor…" },
  { value: "cart_subtotal", label: "Cart subtotal is between…" },
  { value: "persona", label: "Shopper's persona is…" },
  { value: "customer_tag", label: "Customer is tagged…" },
];

const SUGGESTIONS: Partial<Record<string, keyof CatalogFacets>> = {
  handles: "collections",
  tags: "tags",
  productTypes: "productTypes",
  vendors: "vendors",
};

/** One condition of a rule: its type and the fields that type needs. */
export function ConditionRow(props: {
  condition: ConditionDraft;
  index: number;
  facets: CatalogFacets;
  personas: { id: string; name: string }[];
  currency: string;
  error?: string;
  onChange: (condition: ConditionDraft) => void;
  onRemove: () => void;
}) {
  const { condition, index, onChange } = props;
  return (
    <BlockStack gap="200">
      <InlineStack gap="200" blockAlign="end" wrap={false}>
        <div style={{ flex: 1 }}>
          <Select
            label={`Condition ${index + 1}`}
            options={CONDITION_OPTIONS}
            value={condition.type}
            onChange={(type) => onChange({ ...condition, type: type as ConditionType })}
          />
        </div>
        <Button onClick={props.onRemove} variant="tertiary" tone="critical">
          Remove
        </Button>
      </InlineStack>
      <ConditionFields {...props} />
    </BlockStack>
  );
}

function ConditionFields({
  condition,
  facets,
  personas,
  currency,
  error,
  onChange,
}: Parameters<typeof ConditionRow>[0]) {
  switch (condition.type) {
    case "product_in_view":
    case "product_in_cart":
      return (
        <ProductPicker
          label="Products"
          selected={condition.products}
          onChange={(products) => onChange({ ...condition, products })}
          error={error}
        />
      );
    case "persona":
      return (
        <ChoiceList
          title="Personas"
          allowMultiple
          choices={personas.map((p) => ({ label: p.name, value: p.id }))}
          selected={condition.personaIds}
          onChange={(personaIds) => onChange({ ...condition, personaIds })}
          error={error}
        />
      );
    case "cart_subtotal":
      return (
        <InlineGrid columns={2} gap="200">
          <TextField
            label={`At least (${currency})`}
            value={condition.min}
            onChange={(min) => onChange({ ...condition, min })}
            autoComplete="off"
            inputMode="decimal"
            error={error}
          />
          <TextField
            label={`At most (${currency})`}
            value={condition.max}
            onChange={(max) => onChange({ ...condition, max })}
            autoComplete="off"
            inputMode="decimal"
          />
        </InlineGrid>
      );
    default: {
      const field = LIST_FIELD[condition.type] ?? "";
      const facet = SUGGESTIONS[field];
      const known = facet ? facets[facet] : [];
      // A shop's own collections, types and vendors are picked from a list while it is short; free
      // text (comma-separated) covers long lists and values the catalog cache has not seen yet.
      if (known.length > 0 && known.length <= PICK_LIST_MAX) {
        const selected = splitList(condition.text);
        const extra = selected.filter((value) => !known.includes(value));
        return (
          <ChoiceList
            title="Any of"
            allowMultiple
            choices={[...known, ...extra].map((value) => ({ label: value, value }))}
            selected={selected}
            onChange={(values) => onChange({ ...condition, text: values.join(", ") })}
            error={error}
          />
        );
      }
      return (
        <TextField
          label="Any of (comma-separated)"
          value={condition.text}
          onChange={(text) => onChange({ ...condition, text })}
          autoComplete="off"
          error={error}
          helpText={
            known.length > 0
              ? `In your catalog: ${known.slice(0, 12).join(", ")}${known.length > 12 ? ", …" : ""}`
              : undefined
          }
        />
      );
    }
  }
}

const PICK_LIST_MAX = 40;
