import { describe, expect, it } from "vitest";
import { catalogFrames } from "./substitutes";
import { countSwitches, SwitchCounts, switchRates } from "./switches";

describe("SwitchCounts.add", () => {
  it("counts a → b between consecutive orders of the same customer only", () => {
    const counts = new SwitchCounts();
    counts.add("c1", 1, ["a"]);
    counts.add("c1", 2, ["b"]);
    counts.add("c1", 3, ["b"]); // staying is no switch
    counts.add("c2", 1, ["a"]); // another customer: no transition from c1's last order
    counts.add("c2", 2, ["c"]);
    counts.add("c2", 0, ["b"]); // older than c2's latest: left to the next retrain
    expect([counts.count("a", "b"), counts.count("b", "a"), counts.count("b", "a"), counts.count("a", "c")]).toEqual([
      1, 0, 0, 1,
    ]);
    expect(counts.size).toBe(1);
  });

  it("spreads one unit over what replaced each dropped product; kept products are no switch", () => {
    const counts = new SwitchCounts();
    counts.add("c1", 1, ["a", "keep"]);
    counts.add("c1", 2, ["keep", "b", "c", "b"]);
    expect(Object.fromEntries(counts.targets("a"))).toEqual({ b: 0.5, c: 0.5 });
    expect(counts.targets("keep").size).toBe(0);
  });
});

describe("countSwitches", () => {
  it("sorts by customer and time first", () => {
    const counts = countSwitches([
      { customerId: "c1", at: 3, productIds: ["c"] },
      { customerId: "c2", at: 1, productIds: ["a"] },
      { customerId: "c1", at: 1, productIds: ["a"] },
      { customerId: "c1", at: 2, productIds: ["b"] },
    ]);
    expect([counts.count("a", "b"), counts.count("b", "c"), counts.count("a", "c")]).toEqual([1, 1, 0]);
  });
});

describe("switchRates", () => {
  const switches = countSwitches(
    ["c1", "c2", "c3"].flatMap((customerId) => [
      { customerId, at: 1, productIds: ["a"] },
      { customerId, at: 2, productIds: ["b"] },
    ]),
  );
  const sold = (id: string) => ({ b: 10, c: 30 })[id] ?? 0;

  it.each([
    // No prior: the customers' choices alone.
    { prior: 0, expected: { b: 1, c: 0 } },
    // γ = 4: (3 + 4·0.25) / 7 and (0 + 4·0.75) / 7.
    { prior: 4, expected: { b: 4 / 7, c: 3 / 7 } },
  ])("shrinks toward popularity with γ = $prior", ({ prior, expected }) => {
    const { evidence, rates } = switchRates(switches, "a", ["b", "c"], sold, prior);
    expect(evidence).toBe(3);
    expect(Object.fromEntries(rates)).toEqual(expected);
  });

  it("is the popularity share when nobody switched, uniform when nothing sold", () => {
    expect(Object.fromEntries(switchRates(switches, "x", ["b", "c"], sold, 5).rates)).toEqual({ b: 0.25, c: 0.75 });
    expect(Object.fromEntries(switchRates(switches, "x", ["b", "c"], () => 0, 5).rates)).toEqual({ b: 0.5, c: 0.5 });
  });
});

describe("countSwitches with the catalog relation", () => {
  const frames = catalogFrames([
    { productId: "machine", productType: "Machine", price: 19900 },
    { productId: "pro", productType: "Machine", price: 34900 },
    { productId: "pods", productType: "Pods", price: 999 },
    { productId: "gift", price: 500, tags: ["Gift"] },
    { productId: "card", price: 300, tags: ["gift"] },
  ]);

  it.each([
    { from: "machine", to: "pro", expected: true },
    // A machine and then pods is a refill of a complement, not a switch.
    { from: "machine", to: "pods", expected: false },
    // Untyped products relate through a shared tag (case-insensitive).
    { from: "gift", to: "card", expected: true },
    { from: "machine", to: "unknown", expected: false },
  ])("$from → $to counts: $expected", ({ from, to, expected }) => {
    const counts = countSwitches(
      [
        { customerId: "c1", at: 1, productIds: [from] },
        { customerId: "c1", at: 2, productIds: [to] },
      ],
      frames,
    );
    expect(counts.count(from, to) > 0).toBe(expected);
  });

  it("spreads the unit over the related replacements only", () => {
    const counts = countSwitches(
      [
        { customerId: "c1", at: 1, productIds: ["machine"] },
        { customerId: "c1", at: 2, productIds: ["pro", "pods"] },
      ],
      frames,
    );
    expect(Object.fromEntries(counts.targets("machine"))).toEqual({ pro: 1 });
  });
});
