/**
 * Shopify's discounts as the offer discount sync sees them (beside tests/mocks/admin-api.ts, whose
 * MSW server this uses): CartliftOfferDiscountCreate and CartliftOfferDiscountUpdate against one
 * shop's app discounts, held in memory so a test can delete one as a merchant would, or make the
 * next writes fail. Answers are the recorded-shape fixtures of tests/fixtures/admin-api.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { graphql, HttpResponse } from "msw";
import { adminGraphqlUrl, server } from "./admin-api";

export type OfferDiscountOperation = "CartliftOfferDiscountCreate" | "CartliftOfferDiscountUpdate";

/** How a write fails: Shopify's 500, GraphQL throttling (a 200 with errors), a user error, no network. */
export type OfferDiscountFailure = "http_500" | "throttled" | "refused" | "unreachable";

/** The GraphQL variables as the app sent them (DiscountAutomaticAppInput, and the id for an update). */
export interface OfferDiscountVariables {
  id?: string;
  discount: {
    metafields: { namespace: string; key: string; type: string; value: string }[];
    startsAt?: string;
    [field: string]: unknown;
  };
}

export interface OfferDiscountCall {
  operation: OfferDiscountOperation;
  variables: OfferDiscountVariables;
}

export interface MockedOfferDiscountApi {
  /** Every mutation the app sent, in order (failed ones included). */
  calls: OfferDiscountCall[];
  /** The shop's app discounts by id, with the configuration value each holds. */
  discounts: Map<string, string>;
  /** The next `times` mutations fail this way. */
  failNext: (failure: OfferDiscountFailure, times?: number) => void;
}

const FIXTURES = path.resolve("tests/fixtures/admin-api");
let sequence = 0;

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), "utf8")) as T;
}

interface PayloadFixture {
  data: Record<string, { automaticAppDiscount: { discountId: string } | null; userErrors: unknown[] }>;
}

/** Answers one shop's offer discount mutations. */
export function mockOfferDiscountApi(shop: string): MockedOfferDiscountApi {
  const calls: OfferDiscountCall[] = [];
  const discounts = new Map<string, string>();
  const failures: OfferDiscountFailure[] = [];
  const api = graphql.link(adminGraphqlUrl(shop));
  const configValue = (variables: OfferDiscountVariables) => variables.discount.metafields[0]!.value;
  server.use(
    api.mutation<PayloadFixture["data"], OfferDiscountVariables>("CartliftOfferDiscountCreate", ({ variables }) => {
      calls.push({ operation: "CartliftOfferDiscountCreate", variables });
      const failure = failures.shift();
      if (failure) return failed(failure, "discountAutomaticAppCreate");
      sequence += 1;
      const id = `gid://shopify/DiscountAutomaticNode/${1_198_765_432_101 + sequence}`;
      discounts.set(id, configValue(variables));
      const body = fixture<PayloadFixture>("discount-automatic-app-create.json");
      body.data.discountAutomaticAppCreate!.automaticAppDiscount = { discountId: id };
      return HttpResponse.json(body);
    }),
    api.mutation<PayloadFixture["data"], OfferDiscountVariables>("CartliftOfferDiscountUpdate", ({ variables }) => {
      calls.push({ operation: "CartliftOfferDiscountUpdate", variables });
      const failure = failures.shift();
      if (failure) return failed(failure, "discountAutomaticAppUpdate");
      const id = String(variables.id);
      if (!discounts.has(id)) return HttpResponse.json(fixture("discount-automatic-app-update-missing.json"));
      discounts.set(id, configValue(variables));
      const body = fixture<PayloadFixture>("discount-automatic-app-update.json");
      body.data.discountAutomaticAppUpdate!.automaticAppDiscount = { discountId: id };
      return HttpResponse.json(body);
    }),
  );
  return {
    calls,
    discounts,
    failNext: (failure, times = 1) => failures.push(...Array<OfferDiscountFailure>(times).fill(failure)),
  };
}

function failed(failure: OfferDiscountFailure, mutation: string) {
  switch (failure) {
    case "http_500":
      return HttpResponse.json({ errors: "Internal Server Error" }, { status: 500 });
    case "throttled":
      return HttpResponse.json(fixture("throttled.json"));
    case "unreachable":
      return HttpResponse.error();
    case "refused": {
      const body = fixture<PayloadFixture>("discount-automatic-app-create-refused.json");
      return HttpResponse.json({ ...body, data: { [mutation]: body.data.discountAutomaticAppCreate } });
    }
  }
}
