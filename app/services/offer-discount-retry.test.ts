import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./offer-discount-retry";

const MINUTE = 60_000;

describe("retryDelayMs", () => {
  it.each([
    [0, 1 * MINUTE],
    [1, 1 * MINUTE],
    [2, 2 * MINUTE],
    [3, 4 * MINUTE],
    [6, 32 * MINUTE],
    [7, 60 * MINUTE],
    [500, 60 * MINUTE],
  ])("after %i failures waits %i ms", (failures, delay) => {
    expect(retryDelayMs(failures)).toBe(delay);
  });
});
