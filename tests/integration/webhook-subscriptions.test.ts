import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { handledTopics, webhookHandler } from "../../app/services/webhook-handlers.server";

const ROUTES = path.resolve("app/routes");
const TOML = readFileSync(path.resolve("shopify.app.toml"), "utf8");

interface Subscription {
  topics: string[];
  uri: string;
  compliance: boolean;
}

// The few lines of shopify.app.toml this test reads; a subscription block it cannot read fails.
function subscriptions(toml: string): Subscription[] {
  return toml
    .split("[[webhooks.subscriptions]]")
    .slice(1)
    .map((block) => {
      const body = block.split(/^\s*\[(?!\[webhooks)/m)[0];
      const topics = /^\s*(compliance_topics|topics)\s*=\s*\[([^\]]*)\]/m.exec(body);
      const uri = /^\s*uri\s*=\s*"([^"]+)"/m.exec(body);
      if (!topics || !uri) throw new Error(`unreadable subscription: ${body.trim()}`);
      return {
        topics: [...topics[2].matchAll(/"([^"]+)"/g)].map((m) => m[1]),
        uri: uri[1],
        compliance: topics[1] === "compliance_topics",
      };
    });
}

const SUBSCRIPTIONS = subscriptions(TOML);
const routeFileOf = (uri: string) => `webhooks.${uri.replace(/^\/webhooks\//, "").replaceAll("/", ".")}.ts`;
const webhookRoutes = () => readdirSync(ROUTES).filter((file) => /^webhooks\..+\.ts$/.test(file));

describe("shopify.app.toml webhook subscriptions", () => {
  it("reads every subscription of the file", () => {
    expect(SUBSCRIPTIONS.length).toBe(TOML.split("[[webhooks.subscriptions]]").length - 1);
    expect(SUBSCRIPTIONS.length).toBeGreaterThan(10);
  });

  it("every subscribed uri has its route, which hands the delivery to receiveWebhook", () => {
    for (const { uri } of SUBSCRIPTIONS) {
      const file = routeFileOf(uri);
      expect(webhookRoutes(), `route for ${uri}`).toContain(file);
      expect(readFileSync(path.join(ROUTES, file), "utf8"), file).toContain("receiveWebhook(request)");
    }
  });

  it("every subscribed topic has a handler, and a topic's own uri is /webhooks/<topic>", () => {
    for (const { topics, uri, compliance } of SUBSCRIPTIONS) {
      for (const topic of topics) {
        expect(webhookHandler(topic), `handler for ${topic}`).not.toBeNull();
        if (!compliance) expect(uri).toBe(`/webhooks/${topic}`);
      }
    }
  });

  it("every webhook route and every handler is subscribed (nothing Shopify would never call)", () => {
    const uris = SUBSCRIPTIONS.map((s) => routeFileOf(s.uri));
    const topics = SUBSCRIPTIONS.flatMap((s) => s.topics);
    for (const file of webhookRoutes()) expect(uris, `subscription for ${file}`).toContain(file);
    for (const topic of handledTopics()) expect(topics, `subscription for ${topic}`).toContain(topic);
  });

  it("the order lifecycle and the catalog are subscribed", () => {
    const topics = SUBSCRIPTIONS.flatMap((s) => s.topics);
    expect(topics).toEqual(
      expect.arrayContaining([
        "orders/create",
        "orders/updated",
        "orders/cancelled",
        "refunds/create",
        "products/create",
        "products/update",
        "products/delete",
        "collections/update",
        "collections/delete",
        "inventory_levels/update",
        "customers/data_request",
        "customers/redact",
        "shop/redact",
      ]),
    );
  });
});

describe("shopify.app.toml access scopes", () => {
  const scopes = /^scopes\s*=\s*"([^"]*)"/m.exec(TOML)?.[1] ?? "";

  it("asks for exactly the scopes the features use, each explained in a comment above it", () => {
    const list = scopes.split(",");
    expect(list).toEqual([
      "read_products",
      "read_inventory",
      "read_orders",
      "read_all_orders",
      "read_customers",
      "write_app_proxy",
      "write_discounts",
    ]);
    const comments = TOML.slice(TOML.indexOf("[access_scopes]"), TOML.indexOf("scopes ="));
    for (const scope of list) expect(comments, scope).toMatch(new RegExp(`^# - ${scope}: `, "m"));
  });

  it("is the default SCOPES of the app, the demo and .env.example", () => {
    for (const file of ["app/env.server.ts", "app/cli/demo.ts", ".env.example"]) {
      expect(readFileSync(path.resolve(file), "utf8"), file).toContain(scopes);
    }
  });
});
