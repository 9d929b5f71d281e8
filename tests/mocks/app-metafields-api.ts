/**
 * The shop's app-owned metafields as the backend metafield write sees them (beside
 * tests/mocks/admin-api.ts, whose MSW server this uses): CartliftShopId and
 * CartliftBackendMetafieldSet for one shop, the value held in memory, and the next writes made to
 * fail. Answers are the recorded-shape fixtures of tests/fixtures/admin-api.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { graphql, HttpResponse } from "msw";
import { adminGraphqlUrl, server } from "./admin-api";

export type AppMetafieldsOperation = "CartliftShopId" | "CartliftBackendMetafieldSet";

/** How a write fails: Shopify's 500, or a user error (the fixture's APP_NOT_AUTHORIZED). */
export type AppMetafieldsFailure = "http_500" | "refused";

/** One MetafieldsSetInput as the app sent it. */
export interface MetafieldsSetInput {
  ownerId: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
}

export interface AppMetafieldsCall {
  operation: AppMetafieldsOperation;
  variables: { metafields?: MetafieldsSetInput[] };
}

export interface MockedAppMetafieldsApi {
  /** The shop's GID, as CartliftShopId answers it. */
  shopId: string;
  /** Every request the app sent, in order (failed ones included). */
  calls: AppMetafieldsCall[];
  /** The values the shop's metafields hold, by `namespace/key`. */
  values: Map<string, string>;
  /** The next `times` writes fail this way. */
  failNext: (failure: AppMetafieldsFailure, times?: number) => void;
}

const FIXTURES = path.resolve("tests/fixtures/admin-api");
// Shopify's GraphQL answer to an internal error (HTTP 500).
const INTERNAL_ERROR = {
  errors: [
    {
      message: "Internal error. Looks like something went wrong on our end.",
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    },
  ],
};
let sequence = 0;

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), "utf8")) as T;
}

interface ShopIdFixture {
  data: { shop: { id: string } };
}

interface MetafieldsSetFixture {
  data: { metafieldsSet: { metafields: { id: string }[]; userErrors: unknown[] } };
}

/** Answers one shop's CartliftShopId and CartliftBackendMetafieldSet. */
export function mockAppMetafieldsApi(shop: string): MockedAppMetafieldsApi {
  sequence += 1;
  const shopId = `gid://shopify/Shop/${68_817_551_509 + sequence}`;
  const calls: AppMetafieldsCall[] = [];
  const values = new Map<string, string>();
  const failures: AppMetafieldsFailure[] = [];
  const api = graphql.link(adminGraphqlUrl(shop));
  server.use(
    api.query("CartliftShopId", () => {
      calls.push({ operation: "CartliftShopId", variables: {} });
      const body = fixture<ShopIdFixture>("shop-id.json");
      body.data.shop.id = shopId;
      return HttpResponse.json(body);
    }),
    api.mutation("CartliftBackendMetafieldSet", ({ variables }) => {
      const { metafields } = variables as { metafields: MetafieldsSetInput[] };
      calls.push({ operation: "CartliftBackendMetafieldSet", variables: { metafields } });
      const failure = failures.shift();
      if (failure === "http_500") return HttpResponse.json(INTERNAL_ERROR, { status: 500 });
      if (failure === "refused")
        return HttpResponse.json(fixture<MetafieldsSetFixture>("metafields-set-user-error.json"));
      for (const metafield of metafields) values.set(`${metafield.namespace}/${metafield.key}`, metafield.value);
      return HttpResponse.json(fixture<MetafieldsSetFixture>("metafields-set.json"));
    }),
  );
  return {
    shopId,
    calls,
    values,
    failNext: (failure, times = 1) => failures.push(...Array<AppMetafieldsFailure>(times).fill(failure)),
  };
}
