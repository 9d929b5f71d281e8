import { describe, expect, it } from "vitest";
import { loader } from "../../app/routes/healthz";

describe("/healthz", () => {
  it("answers 200 with the database reachable, uncached", async () => {
    const response = await loader();

    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });
});
