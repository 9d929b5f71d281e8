/** One row of the personas list: order, name with badges, conditions, techniques, move buttons. */
import { Badge, BlockStack, Button, ButtonGroup, IndexTable, InlineStack, Link, Text } from "@shopify/polaris";
import type { OfferKind, PersonaCondition, Surface } from "../domain/offers";
import { describeConditions, PersonaTechniquesSummary } from "./persona-summary";

export interface PersonaRowData {
  id: string;
  name: string;
  builtInKey: string | null;
  active: boolean;
  conditions: PersonaCondition[];
  techniques: Record<Surface, OfferKind[]>;
}

interface Props {
  persona: PersonaRowData;
  index: number;
  last: boolean;
  currency: string;
  /** Below an active catch-all: it can never match. */
  unreachable: boolean;
  busy: boolean;
  onMove: (direction: "up" | "down") => void;
}

export function PersonaRow({ persona, index, last, currency, unreachable, busy, onMove }: Props) {
  return (
    <IndexTable.Row id={persona.id} position={index}>
      <IndexTable.Cell>
        <Text as="span" tone="subdued">
          {index + 1}
        </Text>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <BlockStack gap="100">
          <Text as="span" fontWeight="semibold">
            <Link url={`/app/personas/${persona.id}`} removeUnderline>
              {persona.name}
            </Link>
          </Text>
          <InlineStack gap="100">
            {persona.builtInKey ? <Badge>Built-in</Badge> : null}
            {persona.active ? <Badge tone="success">Active</Badge> : <Badge>Off</Badge>}
            {unreachable ? <Badge tone="warning">Never reached</Badge> : null}
          </InlineStack>
        </BlockStack>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <div style={{ whiteSpace: "normal", maxWidth: 280 }}>
          <Text as="p">{describeConditions(persona.conditions, currency)}</Text>
        </div>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <PersonaTechniquesSummary techniques={persona.techniques} />
      </IndexTable.Cell>
      <IndexTable.Cell>
        <ButtonGroup variant="segmented">
          <Button
            accessibilityLabel={`Move ${persona.name} up`}
            disabled={busy || index === 0}
            onClick={() => onMove("up")}
          >
            ↑
          </Button>
          <Button
            accessibilityLabel={`Move ${persona.name} down`}
            disabled={busy || last}
            onClick={() => onMove("down")}
          >
            ↓
          </Button>
        </ButtonGroup>
      </IndexTable.Cell>
    </IndexTable.Row>
  );
}

/** Active personas below an active one with no conditions (it matches everyone) can never match. */
export function unreachablePersonaIds(personas: Pick<PersonaRowData, "id" | "active" | "conditions">[]): Set<string> {
  const unreachable = new Set<string>();
  let caught = false;
  for (const persona of personas) {
    if (caught && persona.active) unreachable.add(persona.id);
    if (persona.active && persona.conditions.length === 0) caught = true;
  }
  return unreachable;
}
