import { describe, expect, it } from "vitest";
import { DEMO_ANCHOR_DATE, DEMO_SEED, generateDemoShop, type DemoOrder } from "./index";

const shop = generateDemoShop();
const { products, customers, orders } = shop;
const productById = new Map(products.map((p) => [p.id, p]));
const idOf = (handle: string) => products.find((p) => p.handle === handle)?.id ?? "";
const DAY_MS = 86_400_000;

function includesAny(order: DemoOrder, handles: string[]): boolean {
  const ids = handles.map(idOf);
  return order.lines.some((l) => ids.includes(l.productId));
}

/** P(target in order | given in order), over all orders when no condition is given. */
function rate(target: string[], given?: string[]): number {
  const pool = given ? orders.filter((o) => includesAny(o, given)) : orders;
  return pool.filter((o) => includesAny(o, target)).length / pool.length;
}

const COFFEE_MACHINES = ["brew-basic", "brew-plus", "brew-pro"];
const CAMERAS = ["snap-lite", "snap-plus", "snap-pro"];
const PRINTERS = ["print-home", "print-office", "print-studio"];

describe("generateDemoShop determinism", () => {
  it("returns deep-equal data for the same options", () => {
    const small = { seed: 99, orderCount: 500 };
    expect(generateDemoShop(small)).toEqual(generateDemoShop(small));
    expect(generateDemoShop()).toEqual(shop);
  });

  it("uses DEMO_SEED by default and changes with the seed", () => {
    expect(generateDemoShop({ seed: DEMO_SEED, orderCount: 300 })).toEqual(generateDemoShop({ orderCount: 300 }));
    const other = generateDemoShop({ seed: DEMO_SEED + 1, orderCount: 300 });
    expect(other.orders).not.toEqual(generateDemoShop({ orderCount: 300 }).orders);
    expect(other.products).toEqual(products);
  });

  it.each([[{ orderCount: -1 }], [{ orderCount: 1.5 }], [{ anchorDate: "not a date" }]])(
    "rejects invalid options %j",
    (options) => {
      expect(() => generateDemoShop(options)).toThrow();
    },
  );
});

describe("generateDemoShop shape", () => {
  it("describes the demo shop", () => {
    expect(shop.shop).toEqual({
      domain: "cartlift-demo.myshopify.com",
      name: "Cartlift Demo Store",
      currency: "USD",
      freeShippingThresholdMinor: 7500,
    });
  });

  it("has at least 5,000 orders and a realistic customer pool", () => {
    expect(orders).toHaveLength(6_000);
    expect(customers.length).toBeGreaterThanOrEqual(1_500);
    expect(generateDemoShop({ orderCount: 5_000 }).orders).toHaveLength(5_000);
  });

  it.each([
    ["order ids", () => orders.map((o) => o.id)],
    ["order names", () => orders.map((o) => o.name)],
    ["line ids", () => orders.flatMap((o) => o.lines.map((l) => l.id))],
    ["customer ids", () => customers.map((c) => c.id)],
  ])("has unique %s", (_label, values) => {
    const list = values();
    expect(new Set(list).size).toBe(list.length);
  });

  it("names orders #1001 upwards in processing order", () => {
    expect(orders.map((o) => o.name)).toEqual(orders.map((_, i) => `#${1001 + i}`));
    const times = orders.map((o) => o.processedAt);
    expect(times).toEqual([...times].sort());
  });

  it.each([
    ["the default anchor", shop, DEMO_ANCHOR_DATE],
    [
      "a custom anchor",
      generateDemoShop({ orderCount: 200, anchorDate: "2024-03-01T12:00:00Z" }),
      "2024-03-01T12:00:00Z",
    ],
  ])("places every order in the 365 days before %s", (_label, data, anchorDate) => {
    const anchor = Date.parse(anchorDate);
    const outside = data.orders.filter((o) => {
      const t = Date.parse(o.processedAt);
      return t >= anchor || t < anchor - 365 * DAY_MS;
    });
    expect(outside).toEqual([]);
  });

  it("references existing, in-stock variants at their price, each product once per order", () => {
    const problems: string[] = [];
    for (const o of orders) {
      const productIds = new Set(o.lines.map((l) => l.productId));
      if (o.lines.length === 0) problems.push(`${o.name}: no lines`);
      if (productIds.size !== o.lines.length) problems.push(`${o.name}: repeated product`);
      for (const line of o.lines) {
        const product = productById.get(line.productId);
        const variant = product?.variants.find((v) => v.id === line.variantId);
        if (!variant?.availableForSale) problems.push(`${o.name}: bad variant ${line.title}`);
        if (line.priceMinor !== variant?.priceMinor) problems.push(`${o.name}: price`);
        if (!Number.isInteger(line.quantity) || line.quantity < 1) {
          problems.push(`${o.name}: quantity ${line.quantity}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("adds up subtotals, shipping and totals in integer cents", () => {
    const wrong = orders.filter((o) => {
      const subtotal = o.lines.reduce((s, l) => s + l.priceMinor * l.quantity, 0);
      const shipping = subtotal >= 7500 ? 0 : 799;
      return (
        o.subtotalMinor !== subtotal ||
        o.shippingMinor !== shipping ||
        o.totalMinor !== subtotal + shipping ||
        o.currency !== "USD"
      );
    });
    expect(wrong).toEqual([]);
  });

  it("links orders to known customers or to guests", () => {
    const ids = new Set(customers.map((c) => c.id));
    const guests = orders.filter((o) => o.customerId === null).length;
    expect(guests / orders.length).toBeGreaterThan(0.03);
    expect(guests / orders.length).toBeLessThan(0.2);
    for (const o of orders) if (o.customerId) expect(ids.has(o.customerId)).toBe(true);
  });
});

describe("generateDemoShop customers", () => {
  const spend = new Map<string, number>();
  const orderCount = new Map<string, number>();
  for (const o of orders) {
    if (!o.customerId) continue;
    spend.set(o.customerId, (spend.get(o.customerId) ?? 0) + o.totalMinor);
    orderCount.set(o.customerId, (orderCount.get(o.customerId) ?? 0) + 1);
  }
  const tagged = (tag: string) => customers.filter((c) => c.tags.includes(tag));
  const meanSpend = (ids: string[]) => ids.reduce((s, id) => s + (spend.get(id) ?? 0), 0) / Math.max(1, ids.length);

  it("uses Shopify ids and ISO-2 countries, mostly US/CA/GB/DE/AU", () => {
    const malformed = customers.filter(
      (c) => !/^gid:\/\/shopify\/Customer\/\d+$/.test(c.id) || !/^[A-Z]{2}$/.test(c.country),
    );
    expect(malformed).toEqual([]);
    const core = customers.filter((c) => ["US", "CA", "GB", "DE", "AU"].includes(c.country));
    expect(core.length / customers.length).toBeGreaterThan(0.9);
  });

  it("has a handful of B2B customers with company names and bigger orders", () => {
    const b2b = tagged("b2b");
    expect(b2b.length).toBeGreaterThanOrEqual(5);
    expect(b2b.length).toBeLessThanOrEqual(20);
    const mismatched = customers.filter((c) => (c.b2bCompany !== null) !== c.tags.includes("b2b"));
    expect(mismatched).toEqual([]);
    const b2bIds = new Set(b2b.map((c) => c.id));
    const units = (o: DemoOrder) => o.lines.reduce((s, l) => s + l.quantity, 0);
    const b2bOrders = orders.filter((o) => o.customerId && b2bIds.has(o.customerId));
    const meanUnits = (list: DemoOrder[]) => list.reduce((s, o) => s + units(o), 0) / list.length;
    expect(meanUnits(b2bOrders)).toBeGreaterThan(2 * meanUnits(orders));
  });

  it("has a few VIPs who outspend everyone else", () => {
    const vips = tagged("vip").map((c) => c.id);
    expect(vips.length).toBeGreaterThanOrEqual(5);
    expect(vips.length).toBeLessThan(customers.length * 0.05);
    expect(meanSpend(vips)).toBeGreaterThan(3 * meanSpend(customers.map((c) => c.id)));
  });

  it("tags returning customers, and many come back several times", () => {
    const mistagged = customers.filter((c) => c.tags.includes("returning") !== (orderCount.get(c.id) ?? 0) >= 2);
    expect(mistagged).toEqual([]);
    const several = [...orderCount.values()].filter((n) => n >= 3).length;
    expect(several).toBeGreaterThan(300);
  });
});

describe("generateDemoShop co-purchase structure", () => {
  it.each([
    ["coffee pods", ["coffee-pods"], COFFEE_MACHINES],
    ["descaler", ["descaler"], COFFEE_MACHINES],
    ["SD card", ["sd-card"], CAMERAS],
    ["camera bag", ["camera-bag"], CAMERAS],
    ["ink", ["black-ink", "color-ink"], PRINTERS],
  ])("%s is at least 3× likelier alongside its main item", (_label, target, given) => {
    expect(rate(target, given)).toBeGreaterThanOrEqual(3 * rate(target));
  });

  it.each([
    ["pods with a camera", ["coffee-pods"], CAMERAS],
    ["SD cards with a coffee machine", ["sd-card"], COFFEE_MACHINES],
    ["ink with headphones", ["black-ink"], ["tune-go", "tune-studio", "tune-elite"]],
  ])("rarely sells %s", (_label, target, given) => {
    expect(rate(target, given)).toBeLessThan(0.05);
  });

  it("sells each plan only alongside the item it covers", () => {
    const plans = products.filter((p) => p.productType === "Warranty");
    for (const o of orders) {
      for (const line of o.lines.filter((l) => plans.some((p) => p.id === l.productId))) {
        const covered = productById.get(line.productId)!.variants.find((v) => v.id === line.variantId)!;
        const mainTitle = covered.title.replace(/^For /, "");
        expect(o.lines.some((l) => productById.get(l.productId)?.title === mainTitle)).toBe(true);
      }
    }
  });

  it("skews anchor purchases to good > better > best", () => {
    const tierCount = (tier: string) =>
      orders.filter((o) => o.lines.some((l) => productById.get(l.productId)?.tags.includes(`tier:${tier}`))).length;
    expect(tierCount("good")).toBeGreaterThan(tierCount("better"));
    expect(tierCount("better")).toBeGreaterThan(tierCount("best"));
  });

  it("mixes order kinds: consumable-only repeats and single accessories exist", () => {
    const roleOf = (productId: string) => {
      const tags = productById.get(productId)?.tags ?? [];
      return tags.includes("consumable") ? "consumable" : tags.includes("accessory") ? "accessory" : "other";
    };
    const consumableOnly = orders.filter((o) => o.lines.every((l) => roleOf(l.productId) === "consumable"));
    const singleAccessory = orders.filter((o) => o.lines.length === 1 && roleOf(o.lines[0]!.productId) === "accessory");
    expect(consumableOnly.length / orders.length).toBeGreaterThan(0.1);
    expect(singleAccessory.length / orders.length).toBeGreaterThan(0.05);
    const quantities = orders.flatMap((o) => o.lines.map((l) => l.quantity));
    expect(quantities.filter((q) => q === 1).length / quantities.length).toBeGreaterThan(0.6);
  });
});
