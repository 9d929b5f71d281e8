/**
 * The admin's error pages: a route's loader throws (app/services/errors.ts) and its ErrorBoundary
 * (app/components/route-error-boundary.tsx) renders, through React Router's static handler, the
 * one Remix's server uses, with real signed requests.
 */
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { Outlet, type RouteObject } from "react-router-dom";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import * as personaEditor from "../../app/routes/app.personas.$id";
import * as ruleEditor from "../../app/routes/app.rules.$id";
import { createShopWithCatalog } from "../factories/catalog";
import { adminFetch, installShop, sessionToken, thrownResponse, uniqueShop } from "../factories/shopify";

interface RouteModule {
  loader: (args: LoaderFunctionArgs) => Promise<unknown>;
  default: ComponentType;
  ErrorBoundary: ComponentType;
}

// The admin layout's part that matters here: Polaris's provider around the page.
function Shell() {
  return createElement(AppProvider, { i18n: en }, createElement(Outlet));
}

/** Renders `path` as the document Remix would: its status and HTML. */
async function renderPage(module: RouteModule, pattern: string, request: Request) {
  const routes: RouteObject[] = [
    {
      id: "app",
      path: "/app",
      Component: Shell,
      children: [
        {
          id: "page",
          path: pattern,
          loader: ({ request, params }) => module.loader({ request, params, context: {} }),
          Component: module.default,
          ErrorBoundary: module.ErrorBoundary,
        },
      ],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(request);
  if (context instanceof Response) throw new Error(`unexpected response ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  const html = renderToString(createElement(StaticRouterProvider, { router, context, hydrate: false }));
  return { status: context.statusCode, html: textOf(html) };
}

function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

async function merchant() {
  const shop = uniqueShop();
  await installShop(shop);
  await createShopWithCatalog(shop);
  return { shop, token: await sessionToken(shop) };
}

describe("a missing record in the admin", () => {
  it("is a JSON 404 from the rule editor's loader", async () => {
    const { token } = await merchant();
    const response = await thrownResponse(() =>
      ruleEditor.loader({ request: adminFetch("/app/rules/nope", token), params: { id: "nope" }, context: {} }),
    );

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "rule not found" });
  });

  it("renders a 'Rule not found' page with a way back to the rules, not [object Object]", async () => {
    const { token } = await merchant();

    const page = await renderPage(ruleEditor, "rules/:id", adminFetch("/app/rules/nope", token));

    expect(page.status).toBe(404);
    expect(page.html).toContain("Rule not found");
    expect(page.html).toContain("This rule does not exist in your shop. It may have been deleted.");
    expect(page.html).toContain("Back to rules");
    expect(page.html).not.toContain("[object Object]");
  });

  it("renders 'Persona not found' for another shop's or an unknown persona", async () => {
    const { token } = await merchant();

    const page = await renderPage(personaEditor, "personas/:id", adminFetch("/app/personas/nope", token));

    expect(page.status).toBe(404);
    expect(page.html).toContain("Persona not found");
    expect(page.html).toContain("Back to personas");
  });
});

describe("a bug in the admin", () => {
  it("renders a generic 500 page that shows nothing of the error", async () => {
    const { token } = await merchant();
    const broken: RouteModule = {
      ...ruleEditor,
      loader: async () => {
        throw new Error("secret internal detail");
      },
    };

    const page = await renderPage(broken, "rules/:id", adminFetch("/app/rules/nope", token));

    expect(page.status).toBe(500);
    expect(page.html).toContain("Something went wrong");
    expect(page.html).not.toContain("secret internal detail");
  });
});
