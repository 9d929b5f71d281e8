import { describe, expect, it } from "vitest";
import { prisma } from "../../app/db.server";
import { DEFAULT_SETTINGS } from "../../app/domain/offers";
import { action, loader } from "../../app/routes/app.settings";
import { getShopSettings } from "../../app/services/shop-settings.server";
import { answerOf, postJson, settingsForm } from "../factories/personas";
import { adminFetch, installShop, sessionToken, uniqueShop } from "../factories/shopify";

const args = (request: Request) => ({ request, params: {}, context: {} });

async function signedIn(currency?: string) {
  const shop = uniqueShop();
  await installShop(shop, currency ? { currency } : {});
  return { shop, token: await sessionToken(shop) };
}

const saveSettings = (token: string, body: unknown) =>
  answerOf(() => action(args(postJson("/app/settings", token, body))));

describe("settings page", () => {
  it("shows the defaults when the shop never saved", async () => {
    const { shop, token } = await signedIn();

    const { form, currency } = await loader(args(adminFetch("/app/settings", token)));

    expect(currency).toBe("USD");
    expect(form).toEqual({
      priceCapPercent: "25",
      maxOffersPerSurface: { product: "1", cart: "3", cart_removal: "1", checkout: "2", thank_you: "2" },
      maxBoughtTogether: "2",
      declineCooldownDays: "7",
      maxImpressionsPerOfferPerDay: "3",
      holdoutPercent: "5",
      explorationPercent: "0",
      freeShippingThreshold: "",
    });
    expect(await getShopSettings(shop)).toEqual({
      settings: DEFAULT_SETTINGS,
      freeShippingThresholdMinor: null,
      currency: "USD",
    });
  });

  it("saves valid values: settings on their row, the threshold in minor units on the shop", async () => {
    const { shop, token } = await signedIn();

    const answer = await saveSettings(token, settingsForm());

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ errors: null, form: settingsForm() });
    expect(await getShopSettings(shop)).toEqual({
      settings: {
        priceCapPercent: 20,
        maxOffersPerSurface: { product: 1, cart: 2, cart_removal: 1, checkout: 1, thank_you: 3 },
        maxBoughtTogether: 3,
        declineCooldownDays: 14,
        maxImpressionsPerOfferPerDay: 5,
        holdoutPercent: 10,
        explorationPercent: 5,
      },
      freeShippingThresholdMinor: 7550,
      currency: "USD",
    });
    const { form } = await loader(args(adminFetch("/app/settings", token)));
    expect(form).toEqual(settingsForm());
  });

  it("clears the free-shipping threshold when the field is left empty", async () => {
    const { shop, token } = await signedIn();
    await saveSettings(token, settingsForm());

    await saveSettings(token, settingsForm({ freeShippingThreshold: "" }));

    expect((await getShopSettings(shop)).freeShippingThresholdMinor).toBeNull();
  });

  it("reads amounts in the shop's currency (JPY has no minor digits)", async () => {
    const { shop, token } = await signedIn("JPY");

    expect((await saveSettings(token, settingsForm({ freeShippingThreshold: "5000" }))).status).toBe(200);
    expect((await getShopSettings(shop)).freeShippingThresholdMinor).toBe(5000);
    const answer = await saveSettings(token, settingsForm({ freeShippingThreshold: "49.50" }));
    expect(answer.status).toBe(400);
    expect((await getShopSettings(shop)).freeShippingThresholdMinor).toBe(5000);
  });

  it("rejects out-of-range values with an error on each field and stores nothing", async () => {
    const { shop, token } = await signedIn();
    await saveSettings(token, settingsForm());
    const before = await getShopSettings(shop);

    const answer = await saveSettings(
      token,
      settingsForm({
        priceCapPercent: "0",
        maxOffersPerSurface: { product: "1", cart: "11", cart_removal: "-1", checkout: "1", thank_you: "1" },
        maxBoughtTogether: "99",
        declineCooldownDays: "366",
        maxImpressionsPerOfferPerDay: "0",
        holdoutPercent: "51",
        explorationPercent: "2.5",
        freeShippingThreshold: "fifty",
      }),
    );

    expect(answer.status).toBe(400);
    expect(Object.keys((answer.body as { errors: Record<string, string> }).errors).sort()).toEqual([
      "declineCooldownDays",
      "explorationPercent",
      "freeShippingThreshold",
      "holdoutPercent",
      "maxBoughtTogether",
      "maxImpressionsPerOfferPerDay",
      "maxOffersPerSurface.cart",
      "maxOffersPerSurface.cart_removal",
      "priceCapPercent",
    ]);
    expect((answer.body as { errors: Record<string, string> }).errors.priceCapPercent).toBe(
      "Enter a whole number from 1 to 100",
    );
    expect(await getShopSettings(shop)).toEqual(before);
  });

  it("stores nothing, not even the valid threshold, when one other field is wrong", async () => {
    const { shop, token } = await signedIn();

    const answer = await saveSettings(token, settingsForm({ holdoutPercent: "80", freeShippingThreshold: "10.00" }));

    expect(answer.status).toBe(400);
    expect(await prisma.shopSettings.findUnique({ where: { shop } })).toBeNull();
    expect((await getShopSettings(shop)).freeShippingThresholdMinor).toBeNull();
  });

  it("answers 400 to a body that is not a settings form", async () => {
    const { token } = await signedIn();
    const notJson = adminFetch("/app/settings", token, { method: "POST", body: "priceCapPercent=20" });

    expect((await answerOf(() => action(args(notJson)))).status).toBe(400);
    expect((await saveSettings(token, { priceCapPercent: "20" })).status).toBe(400);
  });
});
