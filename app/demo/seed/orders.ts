/**
 * A year of orders in time order. Each order is one of three kinds: an anchor purchase
 * (a main item plus its complements), a consumables restock by someone who owns the
 * matching item, or a lone accessory. Restocks only go to customers who bought the item
 * earlier, which is what makes repeat purchases line up with real ownership.
 */
import {
  COMPLEMENTS,
  FAMILY_POPULARITY,
  GUEST_SHARE,
  NOISE,
  ORDER_KIND_WEIGHTS,
  REPEAT_CONSUMABLES,
  TIER_LIFT,
  TIER_WEIGHTS,
  type Complement,
  type OrderKind,
  type Segment,
} from "./affinity";
import { TIERS, type Family } from "./catalog-schema";
import {
  addLine,
  complementQuantity,
  consumableQuantity,
  mainQuantity,
  pickVariant,
  toOrder,
  type Basket,
} from "./basket";
import type { Catalog, CatalogEntry } from "./catalog";
import { customerPicker, type CustomerProfile } from "./customers";
import type { Random } from "./random";
import { sampleOrderTimes } from "./timeline";
import type { DemoOrder } from "./types";

export const DEFAULT_ORDER_COUNT = 6_000;

export interface OrderGeneratorInput {
  rng: Random;
  catalog: Catalog;
  customers: CustomerProfile[];
  count: number;
  anchorMs: number;
}

interface GeneratorState {
  rng: Random;
  catalog: Catalog;
  pickCustomer: (rng: Random) => CustomerProfile;
  /** Families whose main item each customer owns, for restock orders. */
  owned: Map<string, Set<Family>>;
  /** Customers owning something with consumables, in the order they first qualified. */
  restockers: CustomerProfile[];
  families: Family[];
  accessories: CatalogEntry[];
  lineCounter: { next: number };
}

const KINDS = Object.keys(ORDER_KIND_WEIGHTS) as OrderKind[];
const KIND_WEIGHTS = KINDS.map((k) => ORDER_KIND_WEIGHTS[k]);

function entry(state: GeneratorState, handle: string): CatalogEntry {
  const found = state.catalog.byHandle.get(handle);
  if (!found) throw new Error(`Unknown catalog handle: ${handle}`);
  return found;
}

function addMain(state: GeneratorState, basket: Basket, family: Family, segment: Segment) {
  const { rng } = state;
  const tierWeights = TIER_WEIGHTS[segment];
  const tier = rng.weightedPick(
    TIERS,
    TIERS.map((t) => tierWeights[t]),
  );
  const main = state.catalog.entries.find((e) => e.family === family && e.role === "main" && e.tier === tier);
  if (!main) return null;
  const quantity = mainQuantity(rng, segment);
  addLine(basket, main, pickVariant(rng, main), quantity);
  return basket.has(main.product.id) ? { main, quantity } : null;
}

function complementChance(c: Complement, main: CatalogEntry): number {
  if (!c.tierLift || !main.tier) return c.probability;
  return Math.min(1, c.probability * TIER_LIFT[main.tier]);
}

function addComplements(
  state: GeneratorState,
  basket: Basket,
  anchor: { main: CatalogEntry; quantity: number },
  segment: Segment,
) {
  const { rng } = state;
  for (const c of COMPLEMENTS[anchor.main.family]) {
    if (!rng.chance(complementChance(c, anchor.main))) continue;
    const item = entry(state, c.handle);
    const variant =
      item.role === "warranty"
        ? (item.product.variants.find((v) => v.id === item.covers.get(anchor.main.product.id)) ?? null)
        : pickVariant(rng, item);
    addLine(basket, item, variant, complementQuantity(rng, item, segment, anchor.quantity));
  }
}

function pickFamily(state: GeneratorState, exclude?: Family): Family {
  const options = state.families.filter((f) => f !== exclude);
  return state.rng.weightedPick(
    options,
    options.map((f) => FAMILY_POPULARITY[f]),
  );
}

function pickAccessory(state: GeneratorState, exclude?: Family): CatalogEntry {
  const options = state.accessories.filter((a) => a.family !== exclude);
  return state.rng.weightedPick(
    options,
    options.map((a) => FAMILY_POPULARITY[a.family]),
  );
}

function fillAnchorOrder(state: GeneratorState, basket: Basket, segment: Segment): Family[] {
  const { rng } = state;
  const family = pickFamily(state);
  const anchor = addMain(state, basket, family, segment);
  if (!anchor) return [];
  addComplements(state, basket, anchor, segment);
  const bought = [family];
  if (rng.chance(NOISE.strayAccessory)) {
    const stray = pickAccessory(state, family);
    addLine(basket, stray, pickVariant(rng, stray), 1);
  }
  if (rng.chance(NOISE.secondAnchor)) {
    const other = pickFamily(state, family);
    if (addMain(state, basket, other, "regular")) bought.push(other);
  }
  return bought;
}

function addRestock(state: GeneratorState, basket: Basket, family: Family, segment: Segment) {
  const { rng } = state;
  const weights = REPEAT_CONSUMABLES[family] ?? {};
  const handles = Object.keys(weights);
  const lineCount = Math.min(handles.length, rng.weightedPick([1, 2, 3], [55, 33, 12]));
  for (let i = 0; i < lineCount; i++) {
    const remaining = handles.filter((h) => !basket.has(entry(state, h).product.id));
    const handle = rng.weightedPick(
      remaining,
      remaining.map((h) => weights[h] ?? 0),
    );
    const item = entry(state, handle);
    addLine(basket, item, pickVariant(rng, item), consumableQuantity(rng, segment));
  }
}

function fillRestockOrder(state: GeneratorState, basket: Basket, profile: CustomerProfile) {
  const { rng } = state;
  const families = [...(state.owned.get(profile.customer.id) ?? [])].filter((f) => REPEAT_CONSUMABLES[f]);
  const shuffled = rng.shuffle(families);
  const [first, second] = shuffled;
  if (first) addRestock(state, basket, first, profile.segment);
  if (second && rng.chance(NOISE.repeatSecondFamily)) {
    addRestock(state, basket, second, profile.segment);
  }
}

function fillAccessoryOrder(state: GeneratorState, basket: Basket, segment: Segment) {
  const { rng } = state;
  const accessory = pickAccessory(state);
  addLine(basket, accessory, pickVariant(rng, accessory), segment === "b2b" ? rng.int(2, 6) : 1);
  const refills = REPEAT_CONSUMABLES[accessory.family];
  if (refills && rng.chance(NOISE.accessoryWithConsumable)) {
    addRestock(state, basket, accessory.family, segment);
  }
}

function rememberPurchase(state: GeneratorState, profile: CustomerProfile, families: Family[]) {
  const id = profile.customer.id;
  const owned = state.owned.get(id) ?? new Set<Family>();
  const couldRestockBefore = [...owned].some((f) => REPEAT_CONSUMABLES[f]);
  for (const f of families) owned.add(f);
  state.owned.set(id, owned);
  const canRestockNow = families.some((f) => REPEAT_CONSUMABLES[f]);
  if (!couldRestockBefore && canRestockNow) state.restockers.push(profile);
}

function chooseShopper(state: GeneratorState, kind: OrderKind): CustomerProfile | null {
  const { rng } = state;
  if (kind === "repeat") return rng.pick(state.restockers);
  return rng.chance(GUEST_SHARE) ? null : state.pickCustomer(rng);
}

function fillBasket(state: GeneratorState, kind: OrderKind, profile: CustomerProfile | null) {
  const basket: Basket = new Map();
  const segment = profile?.segment ?? "regular";
  if (kind === "repeat" && profile) fillRestockOrder(state, basket, profile);
  if (kind === "accessory") fillAccessoryOrder(state, basket, segment);
  if (kind === "anchor") {
    const families = fillAnchorOrder(state, basket, segment);
    if (profile) rememberPurchase(state, profile, families);
  }
  return basket;
}

function buildOrder(state: GeneratorState, ms: number, index: number): DemoOrder {
  let kind = state.rng.weightedPick(KINDS, KIND_WEIGHTS);
  if (kind === "repeat" && state.restockers.length === 0) kind = "anchor";
  const profile = chooseShopper(state, kind);
  let basket = fillBasket(state, kind, profile);
  // A main item can only be missing if every variant of its tier sold out; fall back.
  while (basket.size === 0) basket = fillBasket(state, "accessory", profile);
  return toOrder(basket, {
    index,
    processedAtMs: ms,
    customerId: profile?.customer.id ?? null,
    lineCounter: state.lineCounter,
  });
}

export function generateOrders(input: OrderGeneratorInput): DemoOrder[] {
  const { rng, catalog, customers, count, anchorMs } = input;
  const state: GeneratorState = {
    rng,
    catalog,
    pickCustomer: customerPicker(customers),
    owned: new Map(),
    restockers: [],
    families: [...new Set(catalog.entries.filter((e) => e.role === "main").map((e) => e.family))],
    accessories: catalog.entries.filter((e) => e.role === "accessory"),
    lineCounter: { next: 1 },
  };
  const times = sampleOrderTimes(rng, count, anchorMs);
  return times.map((ms, index) => buildOrder(state, ms, index));
}
