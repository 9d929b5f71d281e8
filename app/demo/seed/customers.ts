import type { Segment } from "./affinity";
import type { Random } from "./random";
import type { DemoCustomer, DemoOrder } from "./types";

export interface CustomerProfile {
  customer: DemoCustomer;
  segment: Segment;
  /** Relative order frequency; a skewed spread makes some customers come back often. */
  weight: number;
}

export const DEFAULT_CUSTOMER_COUNT = 1_800;
const VIP_COUNT = 30;
const CUSTOMER_ID_BASE = 7_300_000_000;

const B2B_COMPANIES = [
  "Northwind Coworking",
  "Brightside Dental Group",
  "Harbor Street Cafés",
  "Copperleaf Studios",
  "Maple & Main Realty",
  "Bluebird Design Co.",
  "Summit Physio Clinics",
  "Lakeside Accounting",
  "Foundry Creative Agency",
  "Greenway Schools Trust",
  "Atlas Logistics",
  "Pinecrest Hotels",
];

const COUNTRIES = ["US", "CA", "GB", "DE", "AU", "FR", "NL", "NZ", "IE"];
const COUNTRY_WEIGHTS = [55, 12, 12, 9, 7, 1.5, 1.5, 1, 1];

const SEGMENT_FREQUENCY: Record<Segment, number> = {
  regular: 1,
  vip: 6,
  b2b: 4,
};

function segmentAt(index: number): Segment {
  // Special segments take fixed slots so their counts don't depend on the seed.
  if (index < B2B_COMPANIES.length) return "b2b";
  if (index < B2B_COMPANIES.length + VIP_COUNT) return "vip";
  return "regular";
}

function tagsFor(rng: Random, segment: Segment): string[] {
  const tags: string[] = [];
  if (segment === "b2b") tags.push("b2b", "net-30");
  if (segment === "vip") tags.push("vip");
  if (rng.chance(segment === "regular" ? 0.35 : 0.6)) tags.push("newsletter");
  return tags;
}

function buildProfile(
  rng: Random,
  index: number,
): Omit<CustomerProfile, "customer"> & {
  customer: Omit<DemoCustomer, "id">;
} {
  const segment = segmentAt(index);
  const company = segment === "b2b" ? (B2B_COMPANIES[index] ?? null) : null;
  const country = company ? rng.weightedPick(["US", "CA"], [4, 1]) : null;
  return {
    segment,
    // exp(normal) gives the long tail typical of repeat-purchase counts.
    weight: Math.exp(rng.normal(0, 0.7)) * SEGMENT_FREQUENCY[segment],
    customer: {
      tags: tagsFor(rng, segment),
      country: country ?? rng.weightedPick(COUNTRIES, COUNTRY_WEIGHTS),
      b2bCompany: company,
    },
  };
}

export function generateCustomers(rng: Random, count = DEFAULT_CUSTOMER_COUNT): CustomerProfile[] {
  // Shuffle which ids the special segments land on, so they aren't all the oldest accounts.
  const ids = rng.shuffle(Array.from({ length: count }, (_, i) => i + 1));
  const profiles = ids.map((idNumber, index) => {
    const draft = buildProfile(rng, index);
    const id = `gid://shopify/Customer/${CUSTOMER_ID_BASE + idNumber}`;
    return { ...draft, customer: { id, ...draft.customer } };
  });
  // Ids share one width, so string order is numeric order.
  return profiles.sort((a, b) => (a.customer.id < b.customer.id ? -1 : 1));
}

/** Weighted customer draw in O(log n) per order via a cumulative-weight table. */
export function customerPicker(profiles: CustomerProfile[]): (rng: Random) => CustomerProfile {
  const cumulative: number[] = [];
  let total = 0;
  for (const p of profiles) {
    total += p.weight;
    cumulative.push(total);
  }
  return (rng) => {
    const roll = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > roll) hi = mid;
      else lo = mid + 1;
    }
    return profiles[lo] as CustomerProfile;
  };
}

/** Tags that depend on the order history, added once it exists. */
export function withHistoryTags(profiles: CustomerProfile[], orders: DemoOrder[]): DemoCustomer[] {
  const counts = new Map<string, number>();
  for (const order of orders) {
    if (order.customerId) counts.set(order.customerId, (counts.get(order.customerId) ?? 0) + 1);
  }
  return profiles.map(({ customer }) => {
    const orderCount = counts.get(customer.id) ?? 0;
    const tags = orderCount >= 2 ? [...customer.tags, "returning"] : [...customer.tags];
    return { ...customer, tags };
  });
}
