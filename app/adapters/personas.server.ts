/**
 * Personas in the database ↔ domain personas. Every query carries the shop. Writes that depend on
 * what is already stored (seeding, positions) run in a transaction that first locks the shop's
 * row, so two requests for one shop cannot interleave: PostgreSQL holds the row lock until the
 * commit, and SQLite runs one write transaction at a time anyway.
 */
import type { Prisma, Persona as PersonaRow } from "@prisma/client";
import { prisma } from "../db.server";
import type { OfferKind, Persona, PersonaCondition, Surface } from "../domain/offers";
import type { PersonaInput } from "../schemas/personas";
import { storedConditionsSchema, storedTechniquesSchema } from "../schemas/personas";

/** A stored persona with what the admin needs beyond the domain's view. */
export interface PersonaRecord {
  id: string;
  name: string;
  position: number;
  /** Set for the shipped personas (b2b, vip, …), null for the merchant's own. */
  builtInKey: string | null;
  active: boolean;
  conditions: PersonaCondition[];
  techniques: Record<Surface, OfferKind[]>;
}

type Tx = Prisma.TransactionClient;

/** The shop's personas in precedence order. */
export async function findPersonas(shop: string): Promise<PersonaRecord[]> {
  const rows = await prisma.persona.findMany({ where: { shop }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] });
  return rows.map(toRecord);
}

export async function findPersona(shop: string, id: string): Promise<PersonaRecord | null> {
  const row = await prisma.persona.findFirst({ where: { shop, id } });
  return row ? toRecord(row) : null;
}

/**
 * Adds the shipped personas the shop lacks (by key), after its own; safe to call concurrently.
 * A shop with no row yet (its install bootstrap could not reach Shopify) gets none: the next auth seeds.
 */
export async function seedBuiltInPersonas(shop: string, personas: Persona[]): Promise<void> {
  await withShopLock(shop, undefined, async (tx) => {
    const existing = await tx.persona.findMany({ where: { shop }, select: { builtInKey: true, position: true } });
    const keys = new Set(existing.map((row) => row.builtInKey));
    const missing = personas.filter((persona) => !keys.has(persona.id));
    if (missing.length === 0) return;
    const start = nextPosition(existing);
    await tx.persona.createMany({
      data: missing.map((persona, index) => ({
        shop,
        builtInKey: persona.id,
        name: persona.name,
        position: start + index,
        active: true,
        ...toJsonColumns(persona),
      })),
    });
  });
}

/**
 * Stores a new persona just above the first catch-all (a persona with no conditions matches every
 * shopper, so anything placed below it would never be reached), or last when there is none.
 */
export async function insertPersona(shop: string, input: PersonaInput): Promise<PersonaRecord | null> {
  return withShopLock<PersonaRecord | null>(shop, null, async (tx) => {
    const rows = await tx.persona.findMany({ where: { shop }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] });
    const catchAll = rows.find((row) => toRecord(row).conditions.length === 0);
    const position = catchAll ? catchAll.position : nextPosition(rows);
    if (catchAll) {
      await tx.persona.updateMany({
        where: { shop, position: { gte: position } },
        data: { position: { increment: 1 } },
      });
    }
    const row = await tx.persona.create({
      data: { shop, position, name: input.name, active: input.active, ...toJsonColumns(input) },
    });
    return toRecord(row);
  });
}

/** Replaces the persona's fields; null when the shop has no persona with that id. */
export async function updatePersonaRow(shop: string, id: string, input: PersonaInput): Promise<PersonaRecord | null> {
  const { count } = await prisma.persona.updateMany({
    where: { shop, id },
    data: { name: input.name, active: input.active, ...toJsonColumns(input) },
  });
  return count === 1 ? findPersona(shop, id) : null;
}

/** Deletes one of the merchant's own personas; false when there is none (shipped ones are never deleted). */
export async function deleteCustomPersona(shop: string, id: string): Promise<boolean> {
  const { count } = await prisma.persona.deleteMany({ where: { shop, id, builtInKey: null } });
  return count === 1;
}

/** Swaps the persona with its neighbour; false when the shop has no such persona. */
export async function swapWithNeighbour(shop: string, id: string, direction: "up" | "down"): Promise<boolean> {
  return withShopLock(shop, false, async (tx) => {
    const rows = await tx.persona.findMany({
      where: { shop },
      select: { id: true, position: true },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    });
    const index = rows.findIndex((row) => row.id === id);
    if (index === -1) return false;
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= rows.length) return true;
    const order = rows.map((row) => row.id);
    [order[index], order[target]] = [order[target]!, order[index]!];
    // Renumber 0…n-1 rather than swap the two values: it also heals gaps left by deletions.
    for (const [position, rowId] of order.entries()) {
      if (rows.find((row) => row.id === rowId)?.position === position) continue;
      await tx.persona.updateMany({ where: { shop, id: rowId }, data: { position } });
    }
    return true;
  });
}

/**
 * Runs `work` in a transaction holding the shop row's lock, or returns `noShop` when the shop has
 * no row. The row is never created here: the install bootstrap creates it with the shop's real
 * currency (app/services/shop-bootstrap.server.ts), and guessing one would store it forever.
 */
async function withShopLock<T>(shop: string, noShop: T, work: (tx: Tx) => Promise<T>): Promise<T> {
  return prisma.$transaction(async (tx) => {
    // A real UPDATE, so PostgreSQL takes the row lock until the commit.
    const { count } = await tx.shop.updateMany({ where: { domain: shop }, data: { updatedAt: new Date() } });
    return count === 0 ? noShop : work(tx);
  });
}

function nextPosition(rows: { position: number }[]): number {
  return rows.reduce((max, row) => Math.max(max, row.position + 1), 0);
}

function toJsonColumns(persona: Pick<Persona, "conditions" | "techniques">) {
  return {
    conditions: persona.conditions as unknown as Prisma.InputJsonValue,
    techniques: persona.techniques as unknown as Prisma.InputJsonValue,
  };
}

function toRecord(row: PersonaRow): PersonaRecord {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    builtInKey: row.builtInKey,
    active: row.active,
    conditions: storedConditionsSchema.parse(row.conditions),
    techniques: storedTechniquesSchema.parse(row.techniques),
  };
}
