import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "../../app/db.server";
import { action, loader } from "../../app/routes/app.webhooks";
import { countDeadLetters } from "../../app/services/webhook-dead-letters.server";
import { createFixtureShop, orderCreatedPayload } from "../factories/orders";
import { answerOf, postForm } from "../factories/personas";
import { adminFetch, installShop, sessionToken, uniqueShop } from "../factories/shopify";
import { deliverRawWebhook, deliverWebhook } from "../factories/webhooks";

const args = (request: Request) => ({ request, params: {}, context: {} });
const malformed = () => orderCreatedPayload({ currency: "dollars" });

async function signedIn() {
  const shop = uniqueShop();
  await installShop(shop);
  await createFixtureShop(shop);
  return { shop, token: await sessionToken(shop) };
}

const replayAll = (token: string) =>
  answerOf(() => action(args(postForm("/app/webhooks", token, { intent: "replay" }))));

// Every dead letter is logged as a warning: expected here, and kept out of the test output.
let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterEach(() => warn.mockRestore());

describe("webhook dead letters", () => {
  it("a malformed but signed order is answered 200, kept once per webhook id, and stores no order", async () => {
    const { shop } = await signedIn();

    const first = await deliverWebhook("orders/create", shop, malformed(), { webhookId: "delivery-1" });
    const redelivery = await deliverWebhook("orders/create", shop, malformed(), { webhookId: "delivery-1" });

    expect([first.status, redelivery.status]).toEqual([200, 200]);
    expect(await prisma.order.count({ where: { shop } })).toBe(0);
    const letters = await prisma.webhookDeadLetter.findMany({ where: { shop } });
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      topic: "orders/create",
      webhookId: "delivery-1",
      apiVersion: "2026-10",
      error: "invalid payload: currency: must be an ISO 4217 code",
      attempts: 2,
      replayedAt: null,
    });
    expect(JSON.parse(letters[0].payload)).toEqual(malformed());
    expect(await countDeadLetters(shop)).toBe(1);
  });

  it("the merchant sees the waiting deliveries, and a replay once the cause is fixed stores the order and clears the count", async () => {
    const { shop, token } = await signedIn();
    await deliverWebhook("orders/create", shop, malformed(), { webhookId: "delivery-1" });

    const seen = await loader(args(adminFetch("/app/webhooks", token)));
    // "The code is fixed": the stored body now reads as the handler expects.
    await prisma.webhookDeadLetter.updateMany({
      where: { shop },
      data: { payload: JSON.stringify(orderCreatedPayload()) },
    });
    const replay = await replayAll(token);
    const after = await loader(args(adminFetch("/app/webhooks", token)));

    expect(seen.pending).toBe(1);
    expect(seen.letters).toEqual([
      {
        id: expect.any(String),
        topic: "orders/create",
        webhookId: "delivery-1",
        receivedAt: expect.any(String),
        replayedAt: null,
        error: "invalid payload: currency: must be an ISO 4217 code",
        attempts: 1,
      },
    ]);
    expect(replay).toMatchObject({ status: 200, body: { result: { replayed: 1, failed: 0, pending: 0 } } });
    expect(await prisma.order.findMany({ where: { shop }, select: { id: true } })).toEqual([
      { id: "gid://shopify/Order/5011" },
    ]);
    expect(after.pending).toBe(0);
    expect(after.letters[0].replayedAt).toEqual(expect.any(String));
  });

  it("a replay that still cannot read the delivery counts one more attempt with the new error", async () => {
    const { shop, token } = await signedIn();
    await deliverWebhook("orders/create", shop, malformed(), { webhookId: "delivery-1" });
    await prisma.webhookDeadLetter.updateMany({
      where: { shop },
      data: { payload: JSON.stringify(orderCreatedPayload({ line_items: undefined })) },
    });

    const replay = await replayAll(token);

    expect(replay.body).toMatchObject({ result: { replayed: 0, failed: 1, pending: 1 } });
    expect(await prisma.webhookDeadLetter.findFirst({ where: { shop } })).toMatchObject({
      attempts: 2,
      error: expect.stringContaining("line_items"),
      replayedAt: null,
    });
    expect(await prisma.order.count({ where: { shop } })).toBe(0);
  });

  it("replays only the merchant's own shop", async () => {
    const { shop, token } = await signedIn();
    const other = await signedIn();
    await deliverWebhook("orders/create", other.shop, malformed());
    await prisma.webhookDeadLetter.updateMany({
      where: { shop: other.shop },
      data: { payload: JSON.stringify(orderCreatedPayload()) },
    });

    const replay = await replayAll(token);

    expect(replay.body).toMatchObject({ result: { replayed: 0, failed: 0, pending: 0 } });
    expect(await countDeadLetters(other.shop)).toBe(1);
    expect(await countDeadLetters(shop)).toBe(0);
    expect((await loader(args(adminFetch("/app/webhooks", token)))).letters).toEqual([]);
  });

  it("the page's action refuses an unknown intent with a 400 and replays nothing", async () => {
    const { shop, token } = await signedIn();
    await deliverWebhook("orders/create", shop, malformed());
    await prisma.webhookDeadLetter.updateMany({
      where: { shop },
      data: { payload: JSON.stringify(orderCreatedPayload()) },
    });

    const answer = await answerOf(() => action(args(postForm("/app/webhooks", token, { intent: "delete" }))));

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ errors: { intent: "must be replay" } });
    expect(await countDeadLetters(shop)).toBe(1);
    expect(await prisma.order.count({ where: { shop } })).toBe(0);
  });

  it("a signed body that is not JSON gets a 400 and is not kept", async () => {
    const { shop } = await signedIn();

    const response = await deliverRawWebhook("orders/create", shop, '{"id": 5011, "name": "#1011"');

    expect(response.status).toBe(400);
    expect(await prisma.webhookDeadLetter.count({ where: { shop } })).toBe(0);
    expect(await prisma.order.count({ where: { shop } })).toBe(0);
  });

  it("a bad HMAC gets a 401 and is not kept", async () => {
    const { shop } = await signedIn();

    const response = await deliverWebhook("orders/create", shop, malformed(), { secret: "forged-secret" });

    expect(response.status).toBe(401);
    expect(await prisma.webhookDeadLetter.count({ where: { shop } })).toBe(0);
  });
});
