/**
 * Renders an admin route as Remix's server would: its real loader (with a real signed request),
 * then its component and error boundary through React Router's static handler, inside Polaris.
 */
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { Outlet, type RouteObject } from "react-router-dom";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";

export interface AdminRouteModule {
  loader: (args: LoaderFunctionArgs) => Promise<unknown>;
  default: ComponentType;
  ErrorBoundary?: ComponentType;
}

export interface RenderedPage {
  status: number;
  /** The markup, attributes included (e.g. an input's value). */
  html: string;
  /** The visible text, tags removed and whitespace collapsed. */
  text: string;
}

// The admin layout's part that matters here: Polaris's provider around the page.
function Shell() {
  return createElement(AppProvider, { i18n: en }, createElement(Outlet));
}

/** Renders `request` against `pattern` (e.g. "rules/:id", under /app). */
export async function renderAdminPage(
  module: AdminRouteModule,
  pattern: string,
  request: Request,
): Promise<RenderedPage> {
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
          ...(module.ErrorBoundary ? { ErrorBoundary: module.ErrorBoundary } : {}),
        },
      ],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(request);
  if (context instanceof Response) throw new Error(`unexpected response ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  const html = renderToString(createElement(StaticRouterProvider, { router, context, hydrate: false }));
  return { status: context.statusCode, html, text: textOf(html) };
}

function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}
