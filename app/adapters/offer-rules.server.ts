/** Offer rules in the database ↔ domain rules. Every query carries the shop. */
import { Prisma, type OfferRule as RuleRow } from "@prisma/client";
import { prisma } from "../db.server";
import type { Condition, Discount, Rule, RuleOffer, Surface } from "../domain/offers";

/** All of a shop's rules, highest priority first. */
export async function listRules(shop: string): Promise<Rule[]> {
  const rows = await prisma.offerRule.findMany({
    where: { shop },
    orderBy: [{ priority: "desc" }, { createdAt: "asc" }],
  });
  return rows.map(toRule);
}

/** The active rules the engine decides from. */
export async function listActiveRules(shop: string): Promise<Rule[]> {
  const rows = await prisma.offerRule.findMany({ where: { shop, active: true }, orderBy: [{ priority: "desc" }] });
  return rows.map(toRule);
}

export async function findRule(shop: string, id: string): Promise<Rule | null> {
  const row = await prisma.offerRule.findFirst({ where: { shop, id } });
  return row ? toRule(row) : null;
}

export async function insertRule(shop: string, rule: Omit<Rule, "id">): Promise<Rule> {
  return toRule(await prisma.offerRule.create({ data: { shop, ...toColumns(rule) } }));
}

/** Updates the shop's rule; false when the shop has no rule with that id. */
export async function updateRule(shop: string, id: string, rule: Omit<Rule, "id">): Promise<boolean> {
  const { count } = await prisma.offerRule.updateMany({ where: { shop, id }, data: toColumns(rule) });
  return count === 1;
}

/** Deletes the shop's rule; false when the shop has no rule with that id. */
export async function deleteRule(shop: string, id: string): Promise<boolean> {
  const { count } = await prisma.offerRule.deleteMany({ where: { shop, id } });
  return count === 1;
}

export interface RulePerformance {
  impressions: number;
  adds: number;
  purchases: number;
  revenueMinor: number;
}

/** Offer events per rule since `since`, by type, for the rules list. */
export async function rulePerformance(shop: string, since: Date): Promise<Map<string, RulePerformance>> {
  const groups = await prisma.offerEvent.groupBy({
    by: ["ruleId", "type"],
    where: { shop, occurredAt: { gte: since }, ruleId: { not: null }, holdout: false },
    _count: { _all: true },
    _sum: { valueMinor: true },
  });
  const result = new Map<string, RulePerformance>();
  for (const group of groups) {
    const entry = result.get(group.ruleId!) ?? { impressions: 0, adds: 0, purchases: 0, revenueMinor: 0 };
    if (group.type === "impression") entry.impressions += group._count._all;
    if (group.type === "add") entry.adds += group._count._all;
    if (group.type === "purchase") {
      entry.purchases += group._count._all;
      entry.revenueMinor += Number(group._sum.valueMinor ?? 0n);
    }
    result.set(group.ruleId!, entry);
  }
  return result;
}

function toColumns(rule: Omit<Rule, "id">) {
  return {
    name: rule.name,
    active: rule.active,
    priority: rule.priority,
    kind: rule.kind,
    surfaces: rule.surfaces as Prisma.InputJsonValue,
    conditions: rule.conditions as unknown as Prisma.InputJsonValue,
    offer: rule.offer as unknown as Prisma.InputJsonValue,
    // A rule without a discount stores a database NULL (Prisma tells it apart from a JSON null).
    discount: rule.discount ? (rule.discount as unknown as Prisma.InputJsonValue) : Prisma.DbNull,
    startsAt: rule.schedule?.startsAt ? new Date(rule.schedule.startsAt) : null,
    endsAt: rule.schedule?.endsAt ? new Date(rule.schedule.endsAt) : null,
  };
}

// Rows were validated on the way in; reading trusts their shape (the engine validates again).
function toRule(row: RuleRow): Rule {
  const schedule =
    row.startsAt || row.endsAt
      ? { startsAt: row.startsAt?.toISOString(), endsAt: row.endsAt?.toISOString() }
      : undefined;
  return {
    id: row.id,
    name: row.name,
    active: row.active,
    priority: row.priority,
    kind: row.kind as Rule["kind"],
    surfaces: row.surfaces as Surface[],
    conditions: row.conditions as unknown as Condition[],
    offer: row.offer as unknown as RuleOffer,
    ...(row.discount ? { discount: row.discount as unknown as Discount } : {}),
    ...(schedule ? { schedule } : {}),
  };
}
