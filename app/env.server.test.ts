import { describe, expect, it } from "vitest";
import { ConfigError, parseAppEnv, parseDatabaseEnv } from "./env.server";

const valid = {
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://cartlift.example.com",
};

describe("parseAppEnv", () => {
  it("accepts a complete environment and fills the defaults", () => {
    expect(parseAppEnv(valid)).toEqual({
      ...valid,
      NODE_ENV: "development",
      SCOPES: "read_products,read_inventory,read_orders,read_all_orders,read_customers,write_app_proxy,write_discounts",
    });
  });

  it.each([
    [{ ...valid, SHOPIFY_API_SECRET: undefined }, "Invalid configuration: SHOPIFY_API_SECRET is required"],
    [{ ...valid, SHOPIFY_API_KEY: "" }, "Invalid configuration: SHOPIFY_API_KEY is required"],
    [
      { ...valid, SHOPIFY_APP_URL: "cartlift" },
      "Invalid configuration: SHOPIFY_APP_URL must be the app's public URL, e.g. https://cartlift.example.com",
    ],
    [
      { ...valid, SCOPES: "read_products, write orders" },
      "Invalid configuration: SCOPES must be a comma-separated list of access scopes",
    ],
    [{ ...valid, NODE_ENV: "staging" }, expect.stringMatching(/^Invalid configuration: NODE_ENV /)],
    [
      { ...valid, DATABASE_URL: "mysql://db/cartlift" },
      expect.stringMatching(/^Invalid configuration: DATABASE_URL must start with file:/),
    ],
  ])("names the variable in a one-line error (%#)", (source, message) => {
    const error = captureError(() => parseAppEnv(source));

    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toEqual(message);
    expect(error.message).not.toContain("\n");
  });
});

describe("parseDatabaseEnv", () => {
  it.each([
    [undefined],
    ["file:./prisma/dev.sqlite"],
    ["postgresql://u:p@localhost:5432/cartlift"],
    ["postgres://localhost/x"],
  ])("accepts %s", (url) => {
    expect(parseDatabaseEnv({ DATABASE_URL: url })).toEqual({ DATABASE_URL: url });
  });
});

function captureError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}
