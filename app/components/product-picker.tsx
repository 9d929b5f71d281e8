import { Autocomplete, BlockStack, Icon, InlineStack, Tag, Text } from "@shopify/polaris";
import { SearchIcon } from "@shopify/polaris-icons";
import { useEffect, useMemo, useState } from "react";

export interface PickedProduct {
  id: string;
  title: string;
}

interface SearchResult {
  products?: { id: string; title: string; productType: string; available: boolean }[];
}

/** Searchable product picker over the shop's catalog; `single` keeps one product. */
export function ProductPicker(props: {
  label: string;
  selected: PickedProduct[];
  onChange: (products: PickedProduct[]) => void;
  single?: boolean;
  error?: string;
  helpText?: string;
}) {
  const { label, selected, onChange, single, error, helpText } = props;
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<SearchResult["products"]>([]);
  const [loading, setLoading] = useState(false);
  // A plain fetch (App Bridge adds the session token), so a superseded search is simply dropped.
  useEffect(() => {
    const controller = new AbortController();
    const handle = setTimeout(() => {
      setLoading(true);
      fetch(`/app/api/products?q=${encodeURIComponent(query)}`, { signal: controller.signal })
        .then((response) => (response.ok ? (response.json() as Promise<SearchResult>) : { products: [] }))
        .then((data) => setResults(data.products ?? []))
        .catch(() => undefined)
        .finally(() => controller.signal.aborted || setLoading(false));
    }, 200);
    return () => {
      clearTimeout(handle);
      controller.abort();
    };
  }, [query]);

  const options = useMemo(
    () =>
      (results ?? []).map((p) => ({
        value: p.id,
        label: `${p.title} · ${p.productType}${p.available ? "" : " (sold out)"}`,
      })),
    [results],
  );
  const titles = new Map((results ?? []).map((p) => [p.id, p.title]));
  const pick = (ids: string[]) => {
    const known = new Map(selected.map((p) => [p.id, p]));
    const next = ids.map((id) => known.get(id) ?? { id, title: titles.get(id) ?? id });
    onChange(single ? next.slice(-1) : next);
    setQuery("");
  };

  return (
    <BlockStack gap="200">
      <Autocomplete
        allowMultiple={!single}
        options={options}
        selected={selected.map((p) => p.id)}
        onSelect={pick}
        loading={loading}
        textField={
          <Autocomplete.TextField
            label={label}
            value={query}
            onChange={setQuery}
            prefix={<Icon source={SearchIcon} />}
            placeholder="Search products"
            autoComplete="off"
            error={error}
            helpText={helpText}
          />
        }
      />
      {selected.length > 0 ? (
        <InlineStack gap="200">
          {selected.map((product) => (
            <Tag key={product.id} onRemove={() => onChange(selected.filter((p) => p.id !== product.id))}>
              {product.title}
            </Tag>
          ))}
        </InlineStack>
      ) : (
        <Text as="p" tone="subdued">
          No product chosen
        </Text>
      )}
    </BlockStack>
  );
}
