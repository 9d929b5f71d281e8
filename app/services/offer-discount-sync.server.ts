/**
 * Writing the offer discount's configuration to Shopify (docs/decisions/021-offer-discount-sync.md):
 * the shop's mark key and its active rules' discounts, as the `$app` / `function-configuration`
 * metafield of the app's one automatic discount. A write happens only when the configuration
 * differs from the one Shopify last accepted (by hash), so saving a rule that changes no discount
 * costs nothing. A failed write leaves the rules as saved, is recorded as pending and retried with
 * backoff; the start-up resync catches what a stopped process left undone. Writes for one shop run
 * one after another, so two saves at once cannot create two discounts.
 */
import { createHash } from "node:crypto";
import { AdminApiError, type AdminGraphql } from "../adapters/admin-bulk.server";
import { createOfferDiscount, updateOfferDiscount } from "../adapters/admin-discounts.server";
import { offlineAdmin } from "../adapters/admin-offline.server";
import * as store from "../adapters/offer-discount-store.server";
import { findStorefrontShop } from "../adapters/offer-mark-keys.server";
import { listRules } from "../adapters/offer-rules.server";
import type { Rule } from "../domain/offers";
import {
  buildOfferDiscountConfig,
  DISCOUNT_CONFIG_MAX_BYTES,
  serializeOfferDiscountConfig,
} from "../domain/offers/discount-config";
import { isDomainError } from "../domain/offers/errors";
import { ensureOfferMarkKey } from "./offer-mark-keys.server";
import { retryDelayMs } from "./offer-discount-retry";
import { shopCurrency } from "./shop-settings.server";

/** The scope the discount mutations need (it implies read_discounts). */
const WRITE_SCOPE = "write_discounts";
// Prisma's cuid() ids, and a base64url key of 32 bytes (offer-mark.server.ts): for sizing only.
const NEW_RULE_ID_LENGTH = 25;
const KEY_STAND_IN = "k".repeat(43);

export type OfferDiscountSync =
  | { status: "written"; discountId: string; created: boolean }
  | { status: "unchanged" }
  /** Shopify has not granted write_discounts (a shop that has not approved it yet; the demo shop). */
  | { status: "no_access" }
  /** The write failed and is retried at `retryAt` (null: at the next change or auth). */
  | { status: "pending"; error: string; retryAt: Date | null };

interface SyncOptions {
  /** The request's own Admin API client (an auth); the offline session's otherwise. */
  admin?: AdminGraphql;
  /** Write even when the hash matches: an auth checks that the discount still exists. */
  force?: boolean;
}

const queues = new Map<string, Promise<unknown>>();
const retries = new Map<string, { timer: NodeJS.Timeout; at: Date }>();

/** Writes the shop's current configuration to Shopify if it changed; never throws for Shopify's failures. */
export function syncOfferDiscount(shop: string, options: SyncOptions = {}): Promise<OfferDiscountSync> {
  return enqueue(shop, () => writeCurrentConfig(shop, options));
}

/**
 * Shopify told the scopes it granted the shop (afterAuth's session, or app/scopes_update). With
 * write_discounts the shop's discount is set up and written now (checking that the stored one still
 * exists); without it Cartlift stops writing.
 */
export function updateOfferDiscountAccess(
  shop: string,
  grantedScopes: string | readonly string[] | undefined,
  admin?: AdminGraphql,
): Promise<OfferDiscountSync> {
  return enqueue(shop, async (): Promise<OfferDiscountSync> => {
    if (!scopeList(grantedScopes).includes(WRITE_SCOPE)) return revoke(shop);
    if (!(await store.grantOfferDiscountAccess(shop))) return { status: "no_access" };
    return writeCurrentConfig(shop, { admin, force: true });
  });
}

/** app/uninstalled: the access token is gone, so no write is tried (or retried) until the next install. */
export function revokeOfferDiscountAccess(shop: string): Promise<OfferDiscountSync> {
  return enqueue(shop, () => revoke(shop));
}

/**
 * Run at start: every installed shop with discount access whose last write failed or whose rules
 * changed since is written again (one shop after another); the others cost one hash each.
 */
export async function resyncAllOfferDiscounts(): Promise<Record<OfferDiscountSync["status"], number>> {
  const counts = { written: 0, unchanged: 0, no_access: 0, pending: 0 };
  for (const { shop } of await store.listWritableOfferDiscounts()) {
    try {
      counts[(await syncOfferDiscount(shop)).status] += 1;
    } catch (error) {
      // A bug for this shop must not keep the others unsynced.
      console.error(`offer discount resync for ${shop} failed:`, error);
    }
  }
  return counts;
}

/** Starts the start-up resync in the background (not under tests: they resync explicitly). */
export function startOfferDiscountResync(delayMs = 1_000): void {
  if (process.env.NODE_ENV === "test" || process.env.VITEST) return;
  const timer = setTimeout(() => {
    resyncAllOfferDiscounts().catch((error: unknown) => console.error("offer discount resync failed:", error));
  }, delayMs);
  // Start-up must not wait for Shopify, nor a CLI stay alive for it.
  timer.unref();
}

/**
 * The field error for saving `rule` (`id` null: a new one) when the shop's active discounted rules,
 * with it, would need more configuration than Shopify's 10,000-byte metafield holds; else null.
 */
export async function offerDiscountOverflow(
  shop: string,
  id: string | null,
  rule: Omit<Rule, "id">,
  currency: string,
): Promise<Record<string, string> | null> {
  if (!rule.active || !rule.discount) return null;
  const [rules, stored] = await Promise.all([listRules(shop), findStorefrontShop(shop)]);
  // A new rule is counted with an id as long as the one the database gives it (a cuid).
  const saved = { ...rule, id: id ?? "c".repeat(NEW_RULE_ID_LENGTH) };
  const next = [...rules.filter((r) => r.id !== id), saved];
  try {
    buildOfferDiscountConfig(stored?.offerMarkKey ?? KEY_STAND_IN, next, currency);
    return null;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const field = rule.discount.type === "percentage" ? "discount.value" : "discount.amount";
    const message =
      `with this discount, your active rules' discounts need ${error.details.bytes} bytes at checkout, over ` +
      `Shopify's limit of ${DISCOUNT_CONFIG_MAX_BYTES.toLocaleString("en-US")}: pause a discounted rule or remove its discount first`;
    return { [field]: message };
  }
}

/** Resolves once the shop's queued writes (if any) have ended. */
export async function whenOfferDiscountIdle(shop: string): Promise<void> {
  await queues.get(shop)?.catch(() => undefined);
}

/** When the shop's next retry is due in this process, or null. */
export function scheduledOfferDiscountRetry(shop: string): Date | null {
  return retries.get(shop)?.at ?? null;
}

/** Cancels every timed retry (a draining server; tests). */
export function stopOfferDiscountRetries(): void {
  for (const shop of [...retries.keys()]) cancelRetry(shop);
}

// One write at a time per shop: each reads the state the previous one left.
function enqueue<T>(shop: string, work: () => Promise<T>): Promise<T> {
  const next = (queues.get(shop) ?? Promise.resolve()).catch(() => undefined).then(work);
  queues.set(shop, next);
  const forget = () => {
    if (queues.get(shop) === next) queues.delete(shop);
  };
  next.then(forget, forget);
  return next;
}

async function writeCurrentConfig(shop: string, options: SyncOptions): Promise<OfferDiscountSync> {
  const record = await store.findOfferDiscount(shop);
  if (!record || record.state === "no_access") return { status: "no_access" };
  let config: { value: string; hash: string };
  try {
    config = await currentConfig(shop);
  } catch (error) {
    // Too large: refused when rules are saved, so only saves racing each other get here.
    if (!isDomainError(error)) throw error;
    return fail(record, error.message, { retry: false });
  }
  if (!options.force && record.discountId && record.configHash === config.hash) {
    if (record.state !== "ok") await store.recordOfferDiscountCurrent(shop);
    cancelRetry(shop);
    return { status: "unchanged" };
  }
  let admin: AdminGraphql | null;
  try {
    admin = options.admin ?? (await offlineAdmin(shop));
  } catch (error) {
    if (!(error instanceof AdminApiError)) throw error;
    return fail(record, error.message, { retry: true });
  }
  if (!admin) return fail(record, "no admin access: Cartlift holds no offline session for the shop", { retry: false });
  return write(record, admin, config);
}

async function write(
  record: store.OfferDiscountRecord,
  admin: AdminGraphql,
  config: { value: string; hash: string },
): Promise<OfferDiscountSync> {
  const now = new Date();
  let discountId = record.discountId;
  try {
    // An update that finds no discount (the merchant deleted it) falls through to a new one.
    if (discountId) discountId = await updateOfferDiscount(admin, discountId, config.value);
    const created = discountId === null;
    discountId ??= await createOfferDiscount(admin, config.value, now);
    await store.recordOfferDiscountSynced(record.shop, { discountId, configHash: config.hash }, now);
    cancelRetry(record.shop);
    return { status: "written", discountId, created };
  } catch (error) {
    if (!(error instanceof AdminApiError)) throw error;
    const lost = discountId !== record.discountId ? { discountId } : {};
    return fail(record, error.message, { retry: true, ...lost });
  }
}

async function fail(
  record: store.OfferDiscountRecord,
  error: string,
  options: { retry: boolean; discountId?: string | null },
): Promise<OfferDiscountSync> {
  const failures = record.failures + 1;
  const retryAt = options.retry ? new Date(Date.now() + retryDelayMs(failures)) : null;
  const lost = options.discountId !== undefined ? { discountId: options.discountId } : {};
  await store.recordOfferDiscountFailed(record.shop, { error, failures, retryAt, ...lost });
  if (retryAt) scheduleRetry(record.shop, retryAt);
  else cancelRetry(record.shop);
  const next = retryAt ? `retrying at ${retryAt.toISOString()}` : "written again at the next change or auth";
  console.warn(`offer discount for ${record.shop} not written (${error}); ${next}`);
  return { status: "pending", error, retryAt };
}

async function revoke(shop: string): Promise<OfferDiscountSync> {
  cancelRetry(shop);
  await store.revokeOfferDiscountAccess(shop);
  return { status: "no_access" };
}

/**
 * The configuration metafield's value for the shop's rules now: what the discount Function reads
 * (the demo's checkout harness runs the Function on it). DomainError when it would not fit.
 */
export async function offerDiscountConfigValue(shop: string): Promise<string> {
  const [key, rules, currency] = await Promise.all([ensureOfferMarkKey(shop), listRules(shop), shopCurrency(shop)]);
  // The OfferDiscount row references the Shop row, which ensureOfferMarkKey gives a key.
  if (!key) throw new Error(`no Shop row for ${shop}`);
  return serializeOfferDiscountConfig(buildOfferDiscountConfig(key, rules, currency));
}

/** The metafield value for the shop's rules now, and its hash. */
async function currentConfig(shop: string): Promise<{ value: string; hash: string }> {
  const value = await offerDiscountConfigValue(shop);
  return { value, hash: createHash("sha256").update(value).digest("hex") };
}

function scheduleRetry(shop: string, at: Date): void {
  cancelRetry(shop);
  const timer = setTimeout(
    () => {
      retries.delete(shop);
      syncOfferDiscount(shop).catch((error: unknown) => console.error(`offer discount retry for ${shop}:`, error));
    },
    Math.max(0, at.getTime() - Date.now()),
  );
  // A pending retry must not keep a CLI or a draining server alive.
  timer.unref();
  retries.set(shop, { timer, at });
}

function cancelRetry(shop: string): void {
  const retry = retries.get(shop);
  if (retry) clearTimeout(retry.timer);
  retries.delete(shop);
}

function scopeList(scopes: string | readonly string[] | undefined): string[] {
  if (scopes === undefined) return [];
  return (typeof scopes === "string" ? scopes.split(",") : [...scopes]).map((s) => s.trim());
}
