/**
 * A shop's personas: the shipped ones (seeded once, at install: `ensureBuiltInPersonas`), the
 * merchant's own, their order, and the active list the offer engine decides from. Reads never
 * write (docs/decisions/008-error-convention.md).
 */
import {
  deleteCustomPersona,
  findPersona,
  findPersonas,
  insertPersona,
  seedBuiltInPersonas,
  swapWithNeighbour,
  updatePersonaRow,
  type PersonaRecord,
} from "../adapters/personas.server";
import { fieldErrors } from "../schemas/form-errors";
import { builtInPersonas, DEFAULT_TECHNIQUES, type Persona } from "../domain/offers";
import {
  BUILT_IN_DELETE_MESSAGE,
  personaInputSchema,
  toFormCondition,
  type PersonaFormValues,
  type PersonaInput,
} from "../schemas/personas";
import { NotFoundError, ValidationError } from "./errors";
import { shopChanged } from "./shop-changes.server";
import { shopCurrency } from "./shop-settings.server";

export type { PersonaRecord } from "../adapters/personas.server";

/**
 * Adds the shipped personas the shop lacks, after its own. Runs at install (Shopify's `afterAuth`
 * hook, so again on every re-auth: it is idempotent and safe to run concurrently) and in the demo seed.
 */
export async function ensureBuiltInPersonas(shop: string): Promise<void> {
  await seedBuiltInPersonas(shop, builtInPersonas());
}

/** The shop's stored personas in precedence order (empty before install); never writes. */
export async function listPersonas(shop: string): Promise<PersonaRecord[]> {
  return findPersonas(shop);
}

/**
 * The offer engine's input: the active personas, in order. A shop with no personas stored at all
 * (its install hook has not run yet) gets the shipped ones from memory, so its shoppers are treated
 * as they will be once it has: nothing is written.
 */
export async function activePersonas(shop: string): Promise<Persona[]> {
  const personas = await findPersonas(shop);
  if (personas.length === 0) return builtInPersonas();
  return personas.filter((persona) => persona.active).map(toDomainPersona);
}

/** One of the shop's personas; NotFoundError when the id is unknown or another shop's. */
export async function getPersona(shop: string, id: string): Promise<PersonaRecord> {
  const persona = await findPersona(shop, id);
  if (!persona) throw new NotFoundError("persona");
  return persona;
}

export interface PersonaEditorData {
  /** Null for a new persona. */
  persona: PersonaRecord | null;
  form: PersonaFormValues;
  currency: string;
}

/** What the editor shows for a new persona (`id` = "new") or one of the shop's; NotFoundError otherwise. */
export async function getPersonaEditor(shop: string, id: string): Promise<PersonaEditorData> {
  const [persona, currency] = await Promise.all([id === "new" ? null : getPersona(shop, id), shopCurrency(shop)]);
  const form: PersonaFormValues = persona
    ? {
        name: persona.name,
        active: persona.active,
        conditions: persona.conditions.map((condition) => toFormCondition(condition, currency)),
        techniques: persona.techniques,
      }
    : { name: "", active: true, conditions: [], techniques: structuredClone(DEFAULT_TECHNIQUES) };
  return { persona, form, currency };
}

/** Validates the editor's payload and stores a new persona; ValidationError with field errors. */
export async function createPersona(shop: string, input: unknown): Promise<PersonaRecord> {
  const parsed = await parsePersonaInput(shop, input);
  // Seed first (a no-op once installed), so the persona lands above the shipped catch-all, not below it.
  await ensureBuiltInPersonas(shop);
  const inserted = await insertPersona(shop, parsed);
  if (!inserted) throw new NotFoundError("shop");
  shopChanged(shop);
  return inserted;
}

/** Validates and replaces a persona's fields (shipped ones too: they are the merchant's to tune). */
export async function updatePersona(shop: string, id: string, input: unknown): Promise<PersonaRecord> {
  const parsed = await parsePersonaInput(shop, input);
  const updated = await updatePersonaRow(shop, id, parsed);
  shopChanged(shop);
  if (!updated) throw new NotFoundError("persona");
  return updated;
}

/** Deletes one of the merchant's own personas; a shipped one is a ValidationError. */
export async function deletePersona(shop: string, id: string): Promise<void> {
  const persona = await getPersona(shop, id);
  if (persona.builtInKey !== null) throw new ValidationError({ "": BUILT_IN_DELETE_MESSAGE });
  if (!(await deleteCustomPersona(shop, id))) throw new NotFoundError("persona");
  shopChanged(shop);
}

/** Moves a persona one place up or down (no change at either end); returns the new order. */
export async function movePersona(shop: string, id: string, direction: "up" | "down"): Promise<PersonaRecord[]> {
  if (!(await swapWithNeighbour(shop, id, direction))) throw new NotFoundError("persona");
  shopChanged(shop);
  return findPersonas(shop);
}

/** The domain's view of a stored persona. */
export function toDomainPersona(record: PersonaRecord): Persona {
  return {
    id: record.id,
    name: record.name,
    builtIn: record.builtInKey !== null,
    conditions: record.conditions,
    techniques: record.techniques,
  };
}

async function parsePersonaInput(shop: string, input: unknown): Promise<PersonaInput> {
  const parsed = personaInputSchema(await shopCurrency(shop)).safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  return parsed.data;
}
