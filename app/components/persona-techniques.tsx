/**
 * The persona editor's techniques grid: one row per surface, one checkbox per technique. Ticking a
 * technique appends it, so a surface's list keeps the merchant's preference order.
 */
import { BlockStack, Checkbox, InlineError, Text } from "@shopify/polaris";
import { OFFER_KINDS, SURFACES, type OfferKind, type Surface } from "../domain/offers";
import { SURFACE_KINDS } from "../schemas/personas";
import { errorAt, type FieldErrors } from "../schemas/form-errors";
import { KIND_LABELS, SURFACE_LABELS } from "./labels";
import { describeKinds } from "./persona-summary";

interface Props {
  techniques: Record<Surface, OfferKind[]>;
  errors: FieldErrors | undefined;
  onChange: (techniques: Record<Surface, OfferKind[]>) => void;
}

const cell = { padding: "8px 12px", borderBottom: "1px solid var(--p-color-border-secondary)" } as const;

export function PersonaTechniques({ techniques, errors, onChange }: Props) {
  const toggle = (surface: Surface, kind: OfferKind, checked: boolean) => {
    const current = techniques[surface];
    const next = checked ? [...current.filter((k) => k !== kind), kind] : current.filter((k) => k !== kind);
    onChange({ ...techniques, [surface]: next });
  };
  return (
    <BlockStack gap="200">
      <table style={{ borderCollapse: "collapse", width: "100%" }}>
        <thead>
          <tr>
            <HeaderCell align="left">Surface</HeaderCell>
            {OFFER_KINDS.map((kind) => (
              <HeaderCell key={kind} align="center">
                {KIND_LABELS[kind]}
              </HeaderCell>
            ))}
            <HeaderCell align="left">Tried in this order</HeaderCell>
          </tr>
        </thead>
        <tbody>
          {SURFACES.map((surface) => (
            <SurfaceRow
              key={surface}
              surface={surface}
              kinds={techniques[surface]}
              error={errorAt(errors, `techniques.${surface}`)}
              onToggle={(kind, checked) => toggle(surface, kind, checked)}
            />
          ))}
        </tbody>
      </table>
      <Text as="p" tone="subdued" variant="bodySm">
        Cart removal shows only down-sells: it appears right after a shopper removes an item. A down-sell elsewhere
        appears only after the shopper declines an upsell.
      </Text>
    </BlockStack>
  );
}

function HeaderCell({ align, children }: { align: "left" | "center"; children: string }) {
  return (
    <th style={{ ...cell, textAlign: align }}>
      <Text as="span" variant="headingSm">
        {children}
      </Text>
    </th>
  );
}

function SurfaceRow(props: {
  surface: Surface;
  kinds: OfferKind[];
  error: string | undefined;
  onToggle: (kind: OfferKind, checked: boolean) => void;
}) {
  const { surface, kinds, error, onToggle } = props;
  return (
    <tr>
      <td style={cell}>
        <Text as="span">{SURFACE_LABELS[surface]}</Text>
      </td>
      {OFFER_KINDS.map((kind) => (
        <td key={kind} style={{ ...cell, textAlign: "center" }}>
          <Checkbox
            label={`${KIND_LABELS[kind]} on the ${SURFACE_LABELS[surface].toLowerCase()}`}
            labelHidden
            checked={kinds.includes(kind)}
            disabled={!SURFACE_KINDS[surface].includes(kind)}
            onChange={(checked) => onToggle(kind, checked)}
          />
        </td>
      ))}
      <td style={cell}>
        <Text as="span" tone="subdued">
          {describeKinds(kinds)}
        </Text>
        {error ? <InlineError message={error} fieldID={`techniques-${surface}`} /> : null}
      </td>
    </tr>
  );
}
