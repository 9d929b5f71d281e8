import { describe, expect, it } from "vitest";
import { newMarkKey, signMark, verifyMark, type OfferMark } from "./offer-mark.server";

const NOW = new Date("2026-12-01T12:00:00Z");
const MARK: OfferMark = {
  v: 1,
  r: "rule-1",
  k: "upsell",
  o: "9000000000002",
  t: "9000000000001",
  x: NOW.getTime() / 1000 + 3_600,
};
const key = newMarkKey();
const token = signMark(key, MARK);
const [payload, signature] = token.split(".") as [string, string];
const forged = (mark: object) => `${Buffer.from(JSON.stringify(mark)).toString("base64url")}.${signature}`;

describe("offer marks", () => {
  it.each([
    ["its own mark", key, token, { valid: true, mark: MARK }],
    ["another shop's key", newMarkKey(), token, { valid: false, reason: "signature" }],
    ["a changed payload", key, forged({ ...MARK, o: "9000000000003" }), { valid: false, reason: "signature" }],
    ["a changed signature", key, `${payload}.${signature.slice(0, -2)}AA`, { valid: false, reason: "signature" }],
    ["no signature", key, payload, { valid: false, reason: "malformed" }],
    ["three parts", key, `${token}.x`, { valid: false, reason: "malformed" }],
    ["an expired mark", key, signMark(key, { ...MARK, x: NOW.getTime() / 1000 }), { valid: false, reason: "expired" }],
    [
      "an unknown version",
      key,
      signMark(key, { ...MARK, v: 2 } as unknown as OfferMark),
      { valid: false, reason: "malformed" },
    ],
  ])("checks %s", (_name, checkKey, checked, expected) => {
    expect(verifyMark(checkKey, checked, NOW)).toEqual(expected);
  });
});
