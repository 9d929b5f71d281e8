/**
 * The admin's error pages: a route's loader throws (app/services/errors.ts) and its ErrorBoundary
 * (app/components/route-error-boundary.tsx) renders, through React Router's static handler, the
 * one Remix's server uses, with real signed requests.
 */
import { describe, expect, it } from "vitest";
import * as personaEditor from "../../app/routes/app.personas.$id";
import * as ruleEditor from "../../app/routes/app.rules.$id";
import { renderAdminPage, type AdminRouteModule } from "../factories/admin-page";
import { createShopWithCatalog } from "../factories/catalog";
import { adminFetch, installShop, sessionToken, thrownResponse, uniqueShop } from "../factories/shopify";

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

    const page = await renderAdminPage(ruleEditor, "rules/:id", adminFetch("/app/rules/nope", token));

    expect(page.status).toBe(404);
    expect(page.text).toContain("Rule not found");
    expect(page.text).toContain("This rule does not exist in your shop. It may have been deleted.");
    expect(page.text).toContain("Back to rules");
    expect(page.text).not.toContain("[object Object]");
  });

  it("renders 'Persona not found' for another shop's or an unknown persona", async () => {
    const { token } = await merchant();

    const page = await renderAdminPage(personaEditor, "personas/:id", adminFetch("/app/personas/nope", token));

    expect(page.status).toBe(404);
    expect(page.text).toContain("Persona not found");
    expect(page.text).toContain("Back to personas");
  });
});

describe("a bug in the admin", () => {
  it("renders a generic 500 page that shows nothing of the error", async () => {
    const { token } = await merchant();
    const broken: AdminRouteModule = {
      ...ruleEditor,
      loader: async () => {
        throw new Error("secret internal detail");
      },
    };

    const page = await renderAdminPage(broken, "rules/:id", adminFetch("/app/rules/nope", token));

    expect(page.status).toBe(500);
    expect(page.text).toContain("Something went wrong");
    expect(page.text).not.toContain("secret internal detail");
  });
});
