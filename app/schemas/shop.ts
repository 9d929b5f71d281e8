/**
 * The shop itself as the Admin GraphQL API describes it (query CartliftShopDetails, 2026-10),
 * parsed into what Cartlift stores on the Shop row at install and on every later auth.
 */
import { z } from "zod";
import { currencyCode } from "./shopify-fields";
import { isValidTimeZone } from "./zoned-time";

/** What the install bootstrap stores about a shop (app/services/shop-bootstrap.server.ts). */
export interface ShopDetails {
  name: string;
  /** ISO 4217, the currency the shop sells and reports in: every amount Cartlift stores is in it. */
  currency: string;
  /** Currencies shoppers may pay in (Markets), the shop's own first. */
  presentmentCurrencies: string[];
  /** IANA zone, e.g. Asia/Tokyo. */
  timezone: string;
  /** The theme's money format, e.g. "¥{{amount_no_decimals}}". */
  moneyFormat: string;
  /** The storefront's host, e.g. shop.example.com (the myshopify domain when it has no other). */
  primaryDomain: string;
  /** Shopify's public plan name: Basic, Grow, Advanced, Plus, Development, … */
  planName: string;
  /** A partner development store (free, for testing): no real orders. */
  developmentStore: boolean;
}

/** The Admin API's answer to CartliftShopDetails, as `ShopDetails`. */
export const shopDetailsResponse = z
  .object({
    data: z.object({
      shop: z.object({
        name: z.string().min(1),
        currencyCode,
        enabledPresentmentCurrencies: z.array(currencyCode),
        ianaTimezone: z.string().refine(isValidTimeZone, "not a time zone this server knows"),
        currencyFormats: z.object({ moneyFormat: z.string().min(1) }),
        primaryDomain: z.object({ host: z.string().min(1) }),
        plan: z.object({ partnerDevelopment: z.boolean(), publicDisplayName: z.string() }),
      }),
    }),
  })
  .transform(({ data: { shop } }): ShopDetails => ({
    name: shop.name,
    currency: shop.currencyCode,
    presentmentCurrencies: [
      shop.currencyCode,
      ...new Set(shop.enabledPresentmentCurrencies.filter((code) => code !== shop.currencyCode)),
    ],
    timezone: shop.ianaTimezone,
    moneyFormat: shop.currencyFormats.moneyFormat,
    primaryDomain: shop.primaryDomain.host,
    planName: shop.plan.publicDisplayName,
    developmentStore: shop.plan.partnerDevelopment,
  }));
