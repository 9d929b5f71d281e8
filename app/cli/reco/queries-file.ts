/** Reads rank queries (JSON lines) and validates each one, naming the line of any problem. */
import { InputError } from "./input-error";

/** One validated query. */
export type RankQuery =
  | { id: string | number; kind: "cross_sell"; cart: string[] }
  | { id: string | number; kind: "upsell" | "down_sell"; product: string };

/** Parses JSONL text; blank lines are skipped. */
export function parseQueries(text: string, file: string): RankQuery[] {
  const queries: RankQuery[] = [];
  text.split("\n").forEach((raw, at) => {
    const line = raw.trim();
    if (line !== "") queries.push(parseQuery(line, file, at + 1));
  });
  return queries;
}

function parseQuery(text: string, file: string, line: number): RankQuery {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError(file, line, "not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InputError(file, line, "expected a JSON object");
  }
  const record = value as Record<string, unknown>;
  const id = record.id;
  if (!((typeof id === "string" && id !== "") || (typeof id === "number" && Number.isFinite(id)))) {
    throw new InputError(file, line, "id must be a non-empty string");
  }
  switch (record.kind) {
    case "cross_sell": {
      const cart = record.cart;
      if (!Array.isArray(cart) || cart.some((p) => typeof p !== "string")) {
        throw new InputError(file, line, "cart must be an array of product ids");
      }
      return { id, kind: "cross_sell", cart: cart as string[] };
    }
    case "upsell":
    case "down_sell": {
      const product = record.product;
      if (typeof product !== "string" || product === "") {
        throw new InputError(file, line, "product must be a non-empty product id");
      }
      return { id, kind: record.kind, product };
    }
    default:
      throw new InputError(file, line, "kind must be cross_sell, upsell or down_sell");
  }
}
