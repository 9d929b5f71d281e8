import { describe, expect, it } from "vitest";
import { basketItems, buildBaskets, selectOrders, type OrderLine } from "./baskets";

function plain(lines: OrderLine[]) {
  const b = buildBaskets(lines);
  return {
    ids: [...b.items.ids()],
    orderCount: b.orderCount,
    orderPtr: [...b.orderPtr],
    orderItems: [...b.orderItems],
    orderQty: [...b.orderQty],
    itemOrders: [...b.itemOrders],
  };
}

describe("buildBaskets", () => {
  it.each([
    {
      name: "groups interleaved lines by order and sorts items",
      lines: [
        { orderId: "o1", productId: "b" },
        { orderId: "o2", productId: "a" },
        { orderId: "o1", productId: "a", quantity: 2 },
      ],
      expected: {
        ids: ["b", "a"],
        orderCount: 2,
        orderPtr: [0, 2, 3],
        orderItems: [0, 1, 1],
        orderQty: [1, 2, 1],
        itemOrders: [1, 2],
      },
    },
    {
      name: "merges repeated lines of one product and ignores non-positive quantities",
      lines: [
        { orderId: 7, productId: "x", quantity: 1 },
        { orderId: 7, productId: "x", quantity: 3 },
        { orderId: 7, productId: "y", quantity: 0 },
        { orderId: 8, productId: "z", quantity: -1 },
      ],
      expected: { ids: ["x"], orderCount: 1, orderPtr: [0, 1], orderItems: [0], orderQty: [4], itemOrders: [1] },
    },
    {
      name: "handles no lines",
      lines: [],
      expected: { ids: [], orderCount: 0, orderPtr: [0], orderItems: [], orderQty: [], itemOrders: [] },
    },
  ])("$name", ({ lines, expected }) => {
    expect(plain(lines)).toEqual(expected);
  });

  it("sorts and merges long (wholesale) orders too", () => {
    const lines = Array.from({ length: 200 }, (_, k) => ({ orderId: 1, productId: `p${(k * 37) % 100}` }));
    const b = buildBaskets(lines);
    const items = [...basketItems(b, 0)];
    expect(items).toEqual(Array.from({ length: 100 }, (_, k) => k));
    expect([...b.orderQty]).toEqual(Array.from({ length: 100 }, () => 2));
  });
});

describe("selectOrders", () => {
  it("keeps the item index and recounts item orders", () => {
    const b = buildBaskets([
      { orderId: 1, productId: "a" },
      { orderId: 1, productId: "b" },
      { orderId: 2, productId: "b" },
      { orderId: 3, productId: "c" },
    ]);
    const part = selectOrders(b, [2, 1]);
    expect({
      orderCount: part.orderCount,
      orderPtr: [...part.orderPtr],
      orderItems: [...part.orderItems],
      itemOrders: [...part.itemOrders],
    }).toEqual({ orderCount: 2, orderPtr: [0, 1, 2], orderItems: [2, 1], itemOrders: [0, 1, 1] });
  });
});
