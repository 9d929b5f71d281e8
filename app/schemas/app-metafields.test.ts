import { describe, expect, it } from "vitest";
import { backendMetafieldValue } from "./app-metafields";

describe("backendMetafieldValue", () => {
  it.each([
    ["an origin", "https://cartlift.example.com", "https://cartlift.example.com"],
    ["an origin with a trailing slash", "https://cartlift.example.com/", "https://cartlift.example.com"],
    [
      "a path, its trailing slashes dropped",
      "https://apps.example.com/cartlift//",
      "https://apps.example.com/cartlift",
    ],
    ["a query and a fragment, dropped", "https://cartlift.example.com/?ref=1#top", "https://cartlift.example.com"],
    ["a port and upper case", "HTTP://127.0.0.1:3000", "http://127.0.0.1:3000"],
    ["spaces around it", "  https://cartlift.example.com  ", "https://cartlift.example.com"],
  ])("keeps what the extension reads back: %s", (_, appUrl, value) => {
    expect(backendMetafieldValue(appUrl)).toBe(value);
  });

  it.each(["ftp://cartlift.example.com", "not a url"])("refuses %s", (appUrl) => {
    expect(() => backendMetafieldValue(appUrl)).toThrow();
  });
});
