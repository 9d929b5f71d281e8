import { describe, expect, it } from "vitest";
import { buildBaskets } from "./baskets";
import { easeNeighbours, easeWeights, trainEase } from "./ease";
import { choleskyInPlace, invertSpd, NotPositiveDefiniteError } from "./spd-inverse";

function multiply(a: ArrayLike<number>, b: ArrayLike<number>, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j];
      out.push(s);
    }
  }
  return out;
}

const identity = (n: number) => Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0));

describe("invertSpd", () => {
  it.each([
    { name: "2×2", n: 2, a: [4, 2, 2, 3], inverse: [0.375, -0.25, -0.25, 0.5] },
    { name: "diagonal", n: 3, a: [2, 0, 0, 0, 4, 0, 0, 0, 8], inverse: [0.5, 0, 0, 0, 0.25, 0, 0, 0, 0.125] },
  ])("inverts a hand-checked $name matrix", ({ n, a, inverse }) => {
    expect([...invertSpd(Float64Array.from(a), n)]).toEqual(inverse.map((v) => expect.closeTo(v, 12)));
  });

  it.each([1, 3, 4, 5, 9, 13])("P·A = I for a random SPD matrix of size %i (blocked and remainder rows)", (n) => {
    let seed = n;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
    const x = Array.from({ length: n * n }, random);
    const a = Float64Array.from(multiply(x, transpose(x, n), n), (v, k) => v + (k % (n + 1) === 0 ? 1 : 0));
    const p = invertSpd(a.slice(), n);
    expect(multiply(p, a, n)).toEqual(identity(n).map((v) => expect.closeTo(v, 9)));
  });

  it("factors A = L·Lᵀ with zeros above the diagonal", () => {
    const a = Float64Array.from([4, 2, 2, 3]);
    choleskyInPlace(a, 2);
    expect([...a]).toEqual([2, 0, 1, expect.closeTo(Math.SQRT2, 12)]);
  });

  it("rejects a matrix that is not positive definite", () => {
    expect(() => invertSpd(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(NotPositiveDefiniteError);
  });
});

function transpose(x: number[], n: number): number[] {
  return x.map((_, k) => x[(k % n) * n + Math.floor(k / n)]);
}

describe("EASE", () => {
  // Items a, b, c (indices 0..2): a 3 orders, b 2, c 2; ab 2, ac 1, bc 1.
  const baskets = buildBaskets(
    [["a", "b"], ["a", "b", "c"], ["a"], ["c"]].flatMap((items, o) =>
      items.map((productId) => ({ orderId: o, productId })),
    ),
  );
  const lambda = 1;
  // G = XᵀX + λI, written out by hand.
  const gram = [4, 2, 1, 2, 3, 1, 1, 1, 3];

  it("solves the closed form: P·(XᵀX + λI) = I, B = I − P·diag(1/diag P), diag(B) = 0", () => {
    const model = trainEase(baskets, { lambda, maxItems: 10, minOrders: 1, neighbours: 2 });
    expect(model).not.toBeNull();
    const p = invertSpd(Float64Array.from(gram), 3);
    expect(multiply(p, gram, 3)).toEqual(identity(3).map((v) => expect.closeTo(v, 12)));
    const expected = Array.from({ length: 9 }, (_, k) => {
      const i = Math.floor(k / 3);
      const j = k % 3;
      return i === j ? 0 : -p[i * 3 + j] / p[j * 3 + j];
    });
    expect([...model!.itemOf]).toEqual([0, 1, 2]);
    expect([...model!.weights]).toEqual(expected.map((v) => expect.closeTo(v, 6)));
    expect([0, 1, 2].map((d) => model!.weights[d * 4])).toEqual([0, 0, 0]);
  });

  it("matches the two-item ridge formula B[0][1] = c/(count(0) + λ)", () => {
    const weights = easeWeights(invertSpd(Float64Array.from([3 + 2, 2, 2, 2 + 2]), 2), 2);
    expect([...weights]).toEqual([0, expect.closeTo(2 / 5, 6), expect.closeTo(2 / 4, 6), 0]);
  });

  it("keeps only the most-sold items and lists positive neighbours", () => {
    const model = trainEase(baskets, { lambda, maxItems: 2, minOrders: 1, neighbours: 5 })!;
    expect([...model.itemOf]).toEqual([0, 1]);
    expect([...model.denseOf]).toEqual([0, 1, -1]);
    expect([...easeNeighbours(model, 0)]).toEqual([1]);
    expect([...easeNeighbours(model, 2)]).toEqual([]);
  });

  it("returns null when fewer than two items qualify", () => {
    expect(trainEase(buildBaskets([{ orderId: 1, productId: "x" }]))).toBeNull();
  });
});
