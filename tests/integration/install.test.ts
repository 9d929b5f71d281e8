import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { prisma } from "../../app/db.server";
import { builtInPersonas } from "../../app/domain/offers";
import { loader as homeLoader } from "../../app/routes/app._index";
import { loader as personasLoader } from "../../app/routes/app.personas._index";
import { loader as previewLoader } from "../../app/routes/app.preview";
import { loader as ruleLoader } from "../../app/routes/app.rules.$id";
import { env } from "../../app/shopify.server";
import { adminFetch, installShop, sessionToken, uniqueShop } from "../factories/shopify";
import { server, useAdminApiMock } from "../mocks/admin-api";

useAdminApiMock();

const args = (request: Request) => ({ request, params: {}, context: {} });

/** Shopify's answer to the token exchange an install (or a re-auth) makes, for one shop. */
function answerTokenExchange(shop: string): { exchanges: () => number } {
  let exchanges = 0;
  server.use(
    http.post(`https://${shop}/admin/oauth/access_token`, () => {
      exchanges += 1;
      return HttpResponse.json({
        access_token: `shpat_${exchanges}`,
        scope: env.SCOPES,
        expires_in: 3600,
        refresh_token: `shprt_${exchanges}`,
        refresh_token_expires_in: 7_776_000,
      });
    }),
  );
  return { exchanges: () => exchanges };
}

describe("installing the app", () => {
  it("seeds the shipped personas once: at install, not again on a re-auth", async () => {
    const shop = uniqueShop();
    const shopify = answerTokenExchange(shop);

    await homeLoader(args(adminFetch("/app", await sessionToken(shop))));
    const installed = await prisma.persona.findMany({ where: { shop }, orderBy: { position: "asc" } });

    expect(shopify.exchanges()).toBe(1);
    expect(installed.map((p) => p.builtInKey)).toEqual(builtInPersonas().map((p) => p.id));

    // A re-auth: the session is gone (e.g. the token was revoked) and a new session token arrives.
    await prisma.session.deleteMany({ where: { shop } });
    await homeLoader(args(adminFetch("/app", await sessionToken(shop, { exp: Math.floor(Date.now() / 1000) + 90 }))));

    expect(shopify.exchanges()).toBe(2);
    expect(await prisma.persona.findMany({ where: { shop }, orderBy: { position: "asc" } })).toEqual(installed);
  });

  it("leaves the pages that read personas read-only, even for a shop the hook never seeded", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const token = await sessionToken(shop);

    await personasLoader(args(adminFetch("/app/personas", token)));
    await previewLoader(args(adminFetch("/app/preview", token)));
    await ruleLoader({ ...args(adminFetch("/app/rules/new", token)), params: { id: "new" } });

    expect(await prisma.persona.count({ where: { shop } })).toBe(0);
  });
});
