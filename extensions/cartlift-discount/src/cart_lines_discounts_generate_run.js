// The offer discount (docs/decisions/019-offer-discount-function.md). A cart line is discounted
// when it carries an offer mark (`_cartlift` line attribute) that:
// - is signed with the shop's key (the configuration holds it);
// - has not expired, checked against the shop's date (a Function sees no clock);
// - names this line's variant;
// - names a rule whose discount the configuration lists (the amount comes from the rule, never
//   from the mark).
// A cross-sell must also still have its trigger in the cart: remove the machine, and the pods'
// offer price goes with it. One mark is honoured on one line only. A discount never takes a line
// below zero and never covers more units than the offer made.

import { asciiBytes, fromBase64Url, hmacSha256, sameBytes } from "./hmac.js";

const NO_CHANGES = { operations: [] };
const KINDS = new Set(["upsell", "cross_sell", "down_sell"]);
const NUMERIC = /^[1-9]\d{0,19}$/;
// ISO 4217 minor-unit exponents other than 2 (as the app's currencyExponent).
const ZERO_DECIMAL = [
  "BIF",
  "CLP",
  "DJF",
  "GNF",
  "ISK",
  "JPY",
  "KMF",
  "KRW",
  "PYG",
  "RWF",
  "UGX",
  "VND",
  "VUV",
  "XAF",
  "XOF",
  "XPF",
];
const THREE_DECIMAL = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
export const exponentOf = (currency) =>
  ZERO_DECIMAL.includes(currency) ? 0 : THREE_DECIMAL.includes(currency) ? 3 : 2;

/**
 * @typedef {{ cartLine: { id: string, quantity: number } }} Target
 * @typedef {{ percentage: { value: number } } | { fixedAmount: { amount: string, appliesToEachItem: boolean } }} Value
 * @typedef {{ message: string, targets: Target[], value: Value }} Candidate
 * @typedef {{ productDiscountsAdd: { candidates: Candidate[], selectionStrategy: "ALL" } }} Operation
 */

/**
 * @param {any} input the result of cart_lines_discounts_generate_run.graphql
 * @returns {{ operations: Operation[] }}
 */
export function cartLinesDiscountsGenerateRun(input) {
  if (!input.discount.discountClasses.includes("PRODUCT")) return NO_CHANGES;
  const config = readConfig(input.discount.metafield?.jsonValue);
  if (!config) return NO_CHANGES;
  const lines = input.cart.lines;
  const variants = lines.map(variantOf);
  const honoured = new Set();
  const candidates = [];
  lines.forEach((line, index) => {
    const token = line.mark?.value;
    if (!token || honoured.has(token)) return;
    const mark = verifyMark(config.key, token, input.shop.localTime.date);
    if (!mark || variants[index] !== mark.o) return;
    const rule = mark.r === null ? undefined : config.rules[mark.r];
    if (!rule) return;
    const units = unitsFor(mark, line, lines, variants, index);
    if (units <= 0) return;
    const value = valueOf(rule, line.cost.amountPerQuantity, input.presentmentCurrencyRate);
    if (!value) return;
    honoured.add(token);
    candidates.push({
      message: rule.message,
      targets: [{ cartLine: { id: line.id, quantity: units } }],
      value,
    });
  });
  if (candidates.length === 0) return NO_CHANGES;
  // One candidate per line and all of them apply: each is its own offer.
  return { operations: [{ productDiscountsAdd: { candidates, selectionStrategy: "ALL" } }] };
}

// How many units of the line the offer covers. A cross-sell covers as many as the trigger line
// holds (one pod pack per machine), and nothing once the trigger has left the cart. An upgrade or
// an alternative replaced its trigger, all of its units.
function unitsFor(mark, line, lines, variants, index) {
  if (mark.k !== "cross_sell") return line.quantity;
  if (mark.t === null) return 0;
  let triggerUnits = 0;
  variants.forEach((variant, i) => {
    if (i !== index && variant === mark.t) triggerUnits += lines[i].quantity;
  });
  return Math.min(line.quantity, triggerUnits);
}

// The discount value, or null when the rule's amount gives nothing.
function valueOf(rule, unitPrice, rate) {
  if (rule.type === "percentage") return { percentage: { value: rule.value } };
  const decimals = exponentOf(unitPrice.currencyCode);
  const scale = 10 ** decimals;
  // The rule's amount is in the shop's currency; the cart's is what the buyer pays in.
  const converted = Math.floor(Number(rule.amount) * Number(rate) * scale + 1e-9);
  const price = Math.round(Number(unitPrice.amount) * scale);
  const minor = Math.min(converted, price);
  if (!(minor > 0)) return null;
  return { fixedAmount: { amount: (minor / scale).toFixed(decimals), appliesToEachItem: true } };
}

function variantOf(line) {
  const merchandise = line.merchandise;
  if (merchandise?.__typename !== "ProductVariant") return null;
  return merchandise.id.slice(merchandise.id.lastIndexOf("/") + 1);
}

// The configuration the app builds (app/domain/offers/discount-config.ts), checked field
// by field: a bad configuration discounts nothing.
function readConfig(json) {
  if (!json || json.v !== 1 || typeof json.key !== "string" || typeof json.rules !== "object") return null;
  const key = fromBase64Url(json.key);
  if (!key || key.length !== 32) return null;
  const rules = {};
  for (const [id, rule] of Object.entries(json.rules ?? {})) {
    const message = typeof rule?.message === "string" && rule.message ? rule.message : "Offer discount";
    if (rule?.type === "percentage" && typeof rule.value === "number" && rule.value > 0 && rule.value <= 100)
      rules[id] = { type: "percentage", value: rule.value, message };
    else if (rule?.type === "fixed" && typeof rule.amount === "string" && /^\d+(\.\d+)?$/.test(rule.amount))
      rules[id] = { type: "fixed", amount: rule.amount, message };
  }
  return { key, rules };
}

/**
 * The mark's payload when the signature is the shop's and it has not expired; else null. Expiry is
 * checked by day: the mark holds through the date of its expiry (UTC), compared with the shop's
 * local date.
 */
export function verifyMark(key, token, today) {
  const parts = token.split(".");
  if (parts.length !== 2) return null;
  const payload = asciiBytes(parts[0]);
  const signature = fromBase64Url(parts[1]);
  if (!payload || !signature || !sameBytes(hmacSha256(key, payload), signature)) return null;
  const bytes = fromBase64Url(parts[0]);
  if (!bytes) return null;
  let mark;
  try {
    mark = JSON.parse(String.fromCharCode(...bytes));
  } catch {
    return null;
  }
  if (
    mark?.v !== 1 ||
    !KINDS.has(mark.k) ||
    !NUMERIC.test(String(mark.o)) ||
    !(mark.t === null || NUMERIC.test(String(mark.t))) ||
    !(mark.r === null || typeof mark.r === "string") ||
    !Number.isInteger(mark.x)
  )
    return null;
  const expires = new Date(mark.x * 1000).toISOString().slice(0, 10);
  return today > expires ? null : mark;
}
