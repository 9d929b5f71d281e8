import { describe, expect, it } from "vitest";
import { namesMissingDiscount, type DiscountUserError } from "./offer-discount";

describe("namesMissingDiscount", () => {
  it.each<[string, DiscountUserError[], boolean]>([
    ["the id itself", [{ field: ["id"], message: "Automatic discount does not exist.", code: "INVALID" }], true],
    [
      "the id among others",
      [
        { field: ["automaticAppDiscount", "title"], message: "Title is too long", code: "TOO_LONG" },
        { field: ["id"], message: "Automatic discount does not exist.", code: "INVALID" },
      ],
      true,
    ],
    [
      "an input field",
      [{ field: ["automaticAppDiscount", "metafields", "0", "value"], message: "Value is invalid", code: "INVALID" }],
      false,
    ],
    [
      "no field (a shop-wide limit)",
      [{ field: null, message: "Too many active app discounts", code: "MAX_APP_DISCOUNTS" }],
      false,
    ],
    ["nothing", [], false],
  ])("%s", (_, errors, missing) => {
    expect(namesMissingDiscount(errors)).toBe(missing);
  });
});
