/**
 * The ids one shopper is known by (docs/decisions/011-shopper-identity.md): anonymous storefront ids
 * and customer GIDs, each pointing at the shopper's key. Every query carries the shop.
 */
import { Prisma } from "@prisma/client";
import { prisma } from "../db.server";

export interface IdentityRow {
  id: string;
  shopperKey: string;
  customerId: string | null;
}

// A customer who clears storage on many devices collects many ids; fatigue reads the newest ones.
const MAX_LINKED_IDS = 50;

/** The stored rows for these ids (ids never linked have none). */
export async function findIdentities(shop: string, ids: string[]): Promise<Map<string, IdentityRow>> {
  const rows = await prisma.shopperIdentity.findMany({
    where: { shop, id: { in: ids } },
    select: { id: true, shopperKey: true, customerId: true },
  });
  return new Map(rows.map((row) => [row.id, row]));
}

/** Every id linked to the shopper key, newest first. */
export async function findLinkedIds(shop: string, shopperKey: string): Promise<string[]> {
  const rows = await prisma.shopperIdentity.findMany({
    where: { shop, shopperKey },
    select: { id: true },
    orderBy: { updatedAt: "desc" },
    take: MAX_LINKED_IDS,
  });
  return rows.map((row) => row.id);
}

/** Points the ids at the shopper key and customer, in one transaction. */
export async function linkIdentities(shop: string, rows: IdentityRow[]): Promise<void> {
  try {
    await prisma.$transaction(
      rows.map((row) =>
        prisma.shopperIdentity.upsert({
          where: { shop_id: { shop, id: row.id } },
          create: { shop, ...row },
          update: { shopperKey: row.shopperKey, customerId: row.customerId },
        }),
      ),
    );
  } catch (error) {
    // Two first requests of the same shopper raced to create the rows; the winner's link stands.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
  }
}

/** Forgets every link of a customer (customers/redact); returns how many ids were removed. */
export async function deleteCustomerIdentities(shop: string, customerId: string): Promise<number> {
  const { count } = await prisma.shopperIdentity.deleteMany({ where: { shop, customerId } });
  return count;
}
