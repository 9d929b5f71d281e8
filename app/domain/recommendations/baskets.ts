/**
 * Training data: orders as baskets of item indices in CSR form (one offset array, one item
 * array), so a million orders cost a few tens of megabytes instead of millions of objects.
 */
import { GrowableFloat32, GrowableInt32 } from "./growable";
import { ItemIndex } from "./item-index";

/** One order line as the shop reports it. */
export interface OrderLine {
  orderId: string | number;
  productId: string;
  quantity?: number;
}

/** Orders → distinct items, CSR-style. Items within an order are sorted ascending. */
export interface Baskets {
  items: ItemIndex;
  orderCount: number;
  /** Order o's items are orderItems[orderPtr[o] .. orderPtr[o + 1]). */
  orderPtr: Int32Array;
  orderItems: Int32Array;
  /** Quantity per (order, item), summed over duplicate lines. */
  orderQty: Float32Array;
  /** How many orders contain each item (length items.size). */
  itemOrders: Int32Array;
}

/** Collects order lines one at a time, then packs them into `Baskets`. */
export class BasketBuilder {
  readonly items: ItemIndex;
  private readonly orders = new Map<string | number, number>();
  private readonly lineOrder = new GrowableInt32();
  private readonly lineItem = new GrowableInt32();
  private readonly lineQty = new GrowableFloat32();
  private lastOrderKey: string | number | undefined;
  private lastOrder = -1;

  constructor(items: ItemIndex = new ItemIndex()) {
    this.items = items;
  }

  /** Adds one line; lines with a non-positive quantity (returns, zero lines) are ignored. */
  add(orderId: string | number, productId: string, quantity = 1): void {
    if (!(quantity > 0)) return;
    this.lineOrder.push(this.orderIndex(orderId));
    this.lineItem.push(this.items.intern(productId));
    this.lineQty.push(quantity);
  }

  /** Packs the lines collected so far. */
  build(): Baskets {
    const orderCount = this.orders.size;
    const sorted = sortLinesByOrder(this.lineOrder, this.lineItem, this.lineQty, orderCount);
    return packOrders(sorted.ptr, sorted.items, sorted.qty, orderCount, this.items);
  }

  private orderIndex(orderId: string | number): number {
    // Lines of one order usually arrive together: skip the map lookup for repeats.
    if (orderId === this.lastOrderKey) return this.lastOrder;
    let index = this.orders.get(orderId);
    if (index === undefined) {
      index = this.orders.size;
      this.orders.set(orderId, index);
    }
    this.lastOrderKey = orderId;
    this.lastOrder = index;
    return index;
  }
}

/** Builds baskets from order lines. */
export function buildBaskets(lines: Iterable<OrderLine>, items?: ItemIndex): Baskets {
  const builder = new BasketBuilder(items);
  for (const line of lines) builder.add(line.orderId, line.productId, line.quantity ?? 1);
  return builder.build();
}

/** Baskets restricted to the given orders (same item index, item counts recomputed). */
export function selectOrders(baskets: Baskets, orders: ArrayLike<number>): Baskets {
  let total = 0;
  for (let i = 0; i < orders.length; i++) {
    total += baskets.orderPtr[orders[i] + 1] - baskets.orderPtr[orders[i]];
  }
  const orderPtr = new Int32Array(orders.length + 1);
  const orderItems = new Int32Array(total);
  const orderQty = new Float32Array(total);
  const itemOrders = new Int32Array(baskets.items.size);
  let at = 0;
  for (let i = 0; i < orders.length; i++) {
    for (let k = baskets.orderPtr[orders[i]]; k < baskets.orderPtr[orders[i] + 1]; k++) {
      orderItems[at] = baskets.orderItems[k];
      orderQty[at++] = baskets.orderQty[k];
      itemOrders[baskets.orderItems[k]]++;
    }
    orderPtr[i + 1] = at;
  }
  return { items: baskets.items, orderCount: orders.length, orderPtr, orderItems, orderQty, itemOrders };
}

/** The distinct items of order `o` (a view, not a copy). */
export function basketItems(baskets: Baskets, o: number): Int32Array {
  return baskets.orderItems.subarray(baskets.orderPtr[o], baskets.orderPtr[o + 1]);
}

// Counting sort of the lines by order index: O(lines), no comparisons.
function sortLinesByOrder(
  lineOrder: GrowableInt32,
  lineItem: GrowableInt32,
  lineQty: GrowableFloat32,
  orderCount: number,
): { ptr: Int32Array; items: Int32Array; qty: Float32Array } {
  const ptr = new Int32Array(orderCount + 1);
  for (let i = 0; i < lineOrder.length; i++) ptr[lineOrder.get(i) + 1]++;
  for (let o = 0; o < orderCount; o++) ptr[o + 1] += ptr[o];
  const next = ptr.slice(0, orderCount);
  const items = new Int32Array(lineOrder.length);
  const qty = new Float32Array(lineOrder.length);
  for (let i = 0; i < lineOrder.length; i++) {
    const at = next[lineOrder.get(i)]++;
    items[at] = lineItem.get(i);
    qty[at] = lineQty.get(i);
  }
  return { ptr, items, qty };
}

// Sorts each order's items and merges duplicate lines of the same product, in place.
function packOrders(
  ptr: Int32Array,
  items: Int32Array,
  qty: Float32Array,
  orderCount: number,
  index: ItemIndex,
): Baskets {
  const orderPtr = new Int32Array(orderCount + 1);
  const itemOrders = new Int32Array(index.size);
  let write = 0;
  for (let o = 0; o < orderCount; o++) {
    const start = ptr[o];
    const end = ptr[o + 1];
    sortSegment(items, qty, start, end);
    for (let k = start; k < end; k++) {
      if (write > orderPtr[o] && items[write - 1] === items[k]) {
        qty[write - 1] += qty[k];
        continue;
      }
      items[write] = items[k];
      qty[write++] = qty[k];
      itemOrders[items[k]]++;
    }
    orderPtr[o + 1] = write;
  }
  return {
    items: index,
    orderCount,
    orderPtr,
    orderItems: items.slice(0, write),
    orderQty: qty.slice(0, write),
    itemOrders,
  };
}

// Insertion sort: baskets are short, and it keeps item and quantity arrays aligned.
function sortSegment(items: Int32Array, qty: Float32Array, start: number, end: number): void {
  if (end - start > 64) {
    sortLongSegment(items, qty, start, end);
    return;
  }
  for (let i = start + 1; i < end; i++) {
    const item = items[i];
    const q = qty[i];
    let j = i - 1;
    while (j >= start && items[j] > item) {
      items[j + 1] = items[j];
      qty[j + 1] = qty[j];
      j--;
    }
    items[j + 1] = item;
    qty[j + 1] = q;
  }
}

// Rare wholesale-size orders: sort positions by item, then rewrite both arrays.
function sortLongSegment(items: Int32Array, qty: Float32Array, start: number, end: number): void {
  const positions = Array.from({ length: end - start }, (_, k) => start + k);
  positions.sort((a, b) => items[a] - items[b]);
  const sortedItems = positions.map((p) => items[p]);
  const sortedQty = positions.map((p) => qty[p]);
  items.set(sortedItems, start);
  qty.set(sortedQty, start);
}
