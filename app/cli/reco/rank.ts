/**
 * `reco rank --train ORDERS.csv --queries QUERIES.jsonl --k K [--catalog CATALOG.csv]`:
 * one JSON line per query on stdout and nothing else; problems go to stderr as
 * `file:line: message` with exit code 2. Everything is read and validated before any output.
 */
import { readFileSync } from "node:fs";
import { trainRecommendationModel, type RecommendationModel } from "../../domain/recommendations/model";
import { intFlag, parseFlags, requireFlag } from "./args";
import { InputError } from "./input-error";
import { mergeCatalogs, parseCatalogCsv, parseOrdersCsv } from "./orders-file";
import { parseQueries, type RankQuery } from "./queries-file";

/** Where the command writes. */
export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

/** Runs the rank command; returns the process exit code. */
export function runRank(argv: readonly string[], io: CliIo): number {
  try {
    const flags = parseFlags(argv, ["train", "queries", "k", "catalog"]);
    const k = intFlag(flags, "k", 10);
    const trainPath = requireFlag(flags, "train");
    const queriesPath = requireFlag(flags, "queries");
    const catalogPath = flags.get("catalog");
    const orders = parseOrdersCsv(readText(trainPath), trainPath);
    const catalog = catalogPath ? parseCatalogCsv(readText(catalogPath), catalogPath) : [];
    const queries = parseQueries(readText(queriesPath), queriesPath);
    const model = trainRecommendationModel({
      orders: orders.baskets,
      catalog: mergeCatalogs(catalog, orders.inferredCatalog),
      purchases: orders.purchases,
    });
    for (const query of queries) io.stdout(JSON.stringify({ id: query.id, items: answer(model, query, k) }));
    return 0;
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(error.message);
      return 2;
    }
    throw error;
  }
}

function answer(model: RecommendationModel, query: RankQuery, k: number): string[] {
  if (query.kind === "cross_sell") return model.crossSell(query.cart, k).map((c) => c.productId);
  return model
    .substitutes(query.product, query.kind, k)
    .map((c) => c.productId)
    .filter((id) => id !== query.product);
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code ?? "unreadable";
    throw new InputError(path, 0, `cannot read file (${code})`);
  }
}
