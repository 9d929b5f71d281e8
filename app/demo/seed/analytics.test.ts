import { describe, expect, it } from "vitest";
import { buildLiftStats, measureLift } from "../../domain/analytics";
import { isInHoldout, resolveSettings } from "../../domain/offers";
import { PLANTED_RPV_LIFT, generateDemoAnalytics } from "./analytics";
import { generateDemoShop } from "./index";

const settings = resolveSettings({});
const data = generateDemoShop({ orderCount: 0 });
const ctx = {
  crossSellRuleIds: ["rule-a", "rule-b"],
  personaIds: ["p1", "p2", "p3", "p4"],
  inHoldout: (key: string) => isInHoldout(key, settings),
  now: new Date("2026-12-07T12:00:00Z"),
};

describe("the demo's analytics history", () => {
  const generated = generateDemoAnalytics(data, ctx);

  it("shows the planted lift inside its 95% interval, with enough data to say so", () => {
    const lift = measureLift(
      buildLiftStats(
        generated.exposures.map((e) => ({
          group: e.holdout ? "holdout" : "exposed",
          orders: e.orders,
          revenueMinor: e.revenueMinor,
        })),
      ),
    );
    const rpv = lift.revenuePerVisitor;
    expect(rpv.status).toBe("ok");
    if (rpv.status !== "ok") return;
    expect(rpv.relativeLow).toBeLessThan(PLANTED_RPV_LIFT);
    expect(rpv.relativeHigh).toBeGreaterThan(PLANTED_RPV_LIFT);
  });

  it("puts every shopper in the group the engine's holdout does, and nothing after now", () => {
    expect(generated.exposures.every((e) => e.holdout === ctx.inHoldout(e.shopperKey))).toBe(true);
    expect(generated.exposures.filter((e) => e.holdout).length).toBeGreaterThan(2_000);
    expect(generated.exposures.every((e) => e.firstSeenAt <= ctx.now)).toBe(true);
    expect(generated.orders.every((o) => new Date(o.processedAt) <= ctx.now)).toBe(true);
  });

  it("keeps each surface and persona under the engine's accept-rate threshold", () => {
    const totals = new Map<string, number>();
    for (const r of generated.rollups)
      totals.set(`${r.surface}/${r.personaId}`, (totals.get(`${r.surface}/${r.personaId}`) ?? 0) + r.impressions);
    expect(Math.max(...totals.values())).toBeLessThan(1_000);
  });

  it("counts every attributed offer of the last ninety days as seen, clicked and added", () => {
    const since = ctx.now.getTime() - 89 * 86_400_000;
    const recent = generated.attributions.filter((a) => {
      const order = generated.orders.find((o) => o.id === a.orderId)!;
      return new Date(order.processedAt).getTime() >= Math.floor(since / 86_400_000) * 86_400_000;
    });
    const adds = generated.rollups.reduce((sum, r) => sum + r.adds, 0);
    expect(recent.length).toBeGreaterThan(100);
    expect(adds).toBeGreaterThanOrEqual(recent.length);
    for (const a of recent) {
      const order = generated.orders.find((o) => o.id === a.orderId)!;
      const productId = order.lines.find((l) => l.id === a.lineId)!.productId;
      const row = generated.rollups.find(
        (r) => r.day === order.processedAt.slice(0, 10) && r.productId === productId && r.surface === a.surface,
      );
      expect(row && row.impressions > row.adds && row.adds >= 1).toBe(true);
    }
  });

  it("is the same every time for the same day", () => {
    expect(generateDemoAnalytics(data, ctx)).toEqual(generated);
  });
});
