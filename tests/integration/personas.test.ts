import { describe, expect, it } from "vitest";
import { prisma } from "../../app/db.server";
import { builtInPersonas } from "../../app/domain/offers";
import { action as editorAction, loader as editorLoader } from "../../app/routes/app.personas.$id";
import { action as listAction, loader as listLoader } from "../../app/routes/app.personas._index";
import { activePersonas, ensureBuiltInPersonas } from "../../app/services/personas.server";
import { answerOf, personaForm, postForm, postJson } from "../factories/personas";
import { adminFetch, installApp, installShop, sessionToken, uniqueShop } from "../factories/shopify";

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
const SHIPPED = builtInPersonas().map((persona) => persona.name);

async function signedIn() {
  const shop = uniqueShop();
  await installApp(shop);
  return { shop, token: await sessionToken(shop) };
}

async function listNames(token: string): Promise<string[]> {
  const { personas } = await listLoader(args(adminFetch("/app/personas", token)));
  return personas.map((persona) => persona.name);
}

async function save(token: string, id: string, persona: unknown) {
  return answerOf(() =>
    editorAction(args(postJson(`/app/personas/${id}`, token, { intent: "save", persona }), { id })),
  );
}

async function storedRows(shop: string) {
  return prisma.persona.findMany({ where: { shop }, orderBy: { position: "asc" } });
}

describe("built-in personas", () => {
  it("are there from install, in the domain's order, with their keys", async () => {
    const { shop, token } = await signedIn();

    const { personas } = await listLoader(args(adminFetch("/app/personas", token)));

    expect(personas.map((p) => p.name)).toEqual(SHIPPED);
    expect(personas.map((p) => p.builtInKey)).toEqual(builtInPersonas().map((p) => p.id));
    expect(personas.every((p) => p.active)).toBe(true);
    expect(await listNames(token)).toEqual(SHIPPED);
    expect(await prisma.persona.count({ where: { shop } })).toBe(SHIPPED.length);
  });

  it("are seeded once even when several installs race", async () => {
    const shop = uniqueShop();
    await installShop(shop);

    await Promise.all(Array.from({ length: 4 }, () => ensureBuiltInPersonas(shop)));

    expect(await prisma.persona.count({ where: { shop } })).toBe(SHIPPED.length);
  });

  it("are not seeded again on a re-auth, which keeps the merchant's changes", async () => {
    const { shop, token } = await signedIn();
    const { personas } = await listLoader(args(adminFetch("/app/personas", token)));
    const vip = personas.find((p) => p.builtInKey === "vip")!;
    const { form } = await editorLoader(args(adminFetch(`/app/personas/${vip.id}`, token), { id: vip.id }));
    await save(token, vip.id, { ...form, name: "Best customers", active: false });
    const before = await storedRows(shop);

    await ensureBuiltInPersonas(shop);

    expect(await storedRows(shop)).toEqual(before);
  });

  it("are never written by a read: before install the list is empty and the engine uses the shipped ones", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const token = await sessionToken(shop);

    const { personas } = await listLoader(args(adminFetch("/app/personas", token)));
    const engine = await activePersonas(shop);

    expect(personas).toEqual([]);
    expect(engine).toEqual(builtInPersonas());
    expect(await prisma.persona.count({ where: { shop } })).toBe(0);
  });

  it("feed the offer engine as domain personas, active ones only, in order", async () => {
    const { shop, token } = await signedIn();
    const { personas } = await listLoader(args(adminFetch("/app/personas", token)));
    const vip = personas.find((p) => p.builtInKey === "vip")!;
    const { form } = await editorLoader(args(adminFetch(`/app/personas/${vip.id}`, token), { id: vip.id }));

    expect((await save(token, vip.id, { ...form, active: false })).status).toBe(302);

    const engine = await activePersonas(shop);
    expect(engine.map((p) => p.name)).toEqual(SHIPPED.filter((name) => name !== "VIP"));
    expect(engine[0]).toEqual({ ...builtInPersonas()[0], id: personas[0]!.id });
  });
});

describe("creating, editing, reordering and deleting personas", () => {
  it("creates a persona from the form, in minor units, just above the catch-all", async () => {
    const { shop, token } = await signedIn();

    const answer = await save(token, "new", personaForm());

    expect(answer).toMatchObject({
      status: 302,
      location: expect.stringMatching(/^https:\/\/[^/]+\/app\/personas(\?|$)/),
    });
    expect(await listNames(token)).toEqual([...SHIPPED.slice(0, -1), "Big US spenders", SHIPPED.at(-1)]);
    const created = (await storedRows(shop)).find((row) => row.builtInKey === null)!;
    expect(created.conditions).toEqual([
      { type: "total_spent", minMinor: 100_000 },
      { type: "country", countries: ["US"] },
    ]);
    expect(created.techniques).toEqual(personaForm().techniques);
  });

  it("edits a persona and shows the saved values back in the editor", async () => {
    const { token } = await signedIn();
    await save(token, "new", personaForm());
    const { personas } = await listLoader(args(adminFetch("/app/personas", token)));
    const id = personas.find((p) => p.name === "Big US spenders")!.id;

    const edited = personaForm({
      name: "Regulars",
      conditions: [
        { type: "order_count", min: "2", max: "10" },
        { type: "customer_tag", tags: ["loyal"] },
      ],
    });
    expect((await save(token, id, edited)).status).toBe(302);

    const { form, persona } = await editorLoader(args(adminFetch(`/app/personas/${id}`, token), { id }));
    expect(persona).toMatchObject({ id, name: "Regulars", builtInKey: null });
    expect(form.conditions).toEqual(edited.conditions);
  });

  it("moves personas up and down, and does nothing past either end", async () => {
    const { token } = await signedIn();
    const { personas } = await listLoader(args(adminFetch("/app/personas", token)));
    const [first, second] = personas;
    const move = (id: string, direction: string) =>
      answerOf(() => listAction(args(postForm("/app/personas", token, { id, direction }))));

    expect((await move(second!.id, "up")).status).toBe(200);
    expect((await listNames(token)).slice(0, 2)).toEqual([second!.name, first!.name]);

    await move(second!.id, "up");
    await move(personas.at(-1)!.id, "down");
    expect((await listNames(token)).slice(0, 2)).toEqual([second!.name, first!.name]);
    expect((await listNames(token)).at(-1)).toBe(personas.at(-1)!.name);

    expect((await move(first!.id, "sideways")).status).toBe(400);
  });

  it("deletes the merchant's own persona", async () => {
    const { shop, token } = await signedIn();
    await save(token, "new", personaForm());
    const id = (await storedRows(shop)).find((row) => row.builtInKey === null)!.id;

    const answer = await answerOf(() =>
      editorAction(args(postJson(`/app/personas/${id}`, token, { intent: "delete" }), { id })),
    );

    expect(answer.status).toBe(302);
    expect(await listNames(token)).toEqual(SHIPPED);
  });

  it("refuses to delete a built-in persona with 400 and says why", async () => {
    const { shop, token } = await signedIn();
    const { personas } = await listLoader(args(adminFetch("/app/personas", token)));
    const b2b = personas[0]!;

    const answer = await answerOf(() =>
      editorAction(args(postJson(`/app/personas/${b2b.id}`, token, { intent: "delete" }), { id: b2b.id })),
    );

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ errors: { "": expect.stringContaining("Built-in personas can't be deleted") } });
    expect(await prisma.persona.count({ where: { shop } })).toBe(SHIPPED.length);
  });
});

describe("bad input", () => {
  const conditions = (condition: unknown) => personaForm({ conditions: [condition as never] });

  it.each([
    ["an empty name", personaForm({ name: "  " }), "name"],
    ["a name over 80 characters", personaForm({ name: "x".repeat(81) }), "name"],
    ["a minimum above the maximum", conditions({ type: "order_count", min: "5", max: "2" }), "conditions.0.max"],
    ["a range with no bounds", conditions({ type: "cart_value", min: "", max: "" }), "conditions.0.min"],
    ["an unknown condition type", conditions({ type: "zodiac_sign", signs: ["leo"] }), "conditions.0.type"],
    ["a bad money string", conditions({ type: "total_spent", min: "1,000.00", max: "" }), "conditions.0.min"],
    ["a float order count", conditions({ type: "order_count", min: "1.5", max: "" }), "conditions.0.min"],
    ["a bad country code", conditions({ type: "country", countries: ["USA"] }), "conditions.0.countries.0"],
    [
      "an upsell on cart removal",
      personaForm({ techniques: { ...personaForm().techniques, cart_removal: ["upsell"] } }),
      "techniques.cart_removal",
    ],
  ])("rejects %s with 400, a field error and nothing stored", async (_name, persona, field) => {
    const { shop, token } = await signedIn();

    const answer = await save(token, "new", persona);

    expect(answer.status).toBe(400);
    expect((answer.body as { errors: Record<string, string> }).errors).toHaveProperty([field]);
    expect(await prisma.persona.count({ where: { shop } })).toBe(SHIPPED.length);
  });

  it("leaves a persona untouched when an edit is invalid", async () => {
    const { shop, token } = await signedIn();
    await save(token, "new", personaForm());
    const before = (await storedRows(shop)).find((row) => row.builtInKey === null)!;

    const answer = await save(
      token,
      before.id,
      personaForm({ name: "Renamed", conditions: [{ type: "order_count", min: "9", max: "1" }] }),
    );

    expect(answer.status).toBe(400);
    expect((answer.body as { errors: Record<string, string> }).errors).toEqual({
      "conditions.0.max": "The maximum is below the minimum",
    });
    expect(await prisma.persona.findUnique({ where: { id: before.id } })).toEqual(before);
  });

  it("answers 400 to a body that is not JSON or has no intent", async () => {
    const { token } = await signedIn();
    const notJson = adminFetch("/app/personas/new", token, { method: "POST", body: "name=x" });

    expect((await answerOf(() => editorAction(args(notJson, { id: "new" })))).status).toBe(400);
    expect(
      (await answerOf(() => editorAction(args(postJson("/app/personas/new", token, {}), { id: "new" })))).status,
    ).toBe(400);
  });
});

describe("another shop's persona", () => {
  it("is a 404 for the editor's loader, save, delete and the list's move", async () => {
    const theirs = await signedIn();
    await save(theirs.token, "new", personaForm());
    const id = (await storedRows(theirs.shop)).find((row) => row.builtInKey === null)!.id;
    const before = await storedRows(theirs.shop);
    const mine = await signedIn();

    const answers = [
      await answerOf(() => editorLoader(args(adminFetch(`/app/personas/${id}`, mine.token), { id }))),
      await save(mine.token, id, personaForm({ name: "Hijacked" })),
      await answerOf(() =>
        editorAction(args(postJson(`/app/personas/${id}`, mine.token, { intent: "delete" }), { id })),
      ),
      await answerOf(() => listAction(args(postForm("/app/personas", mine.token, { id, direction: "up" })))),
    ];

    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404]);
    expect(await storedRows(theirs.shop)).toEqual(before);
  });

  it("is a 404 for an id that does not exist at all", async () => {
    const { token } = await signedIn();
    const answer = await answerOf(() => editorLoader(args(adminFetch("/app/personas/nope", token), { id: "nope" })));
    expect(answer.status).toBe(404);
  });
});
