import { z } from "zod";

/** The admin home page's form: "Import catalog" / "Try again" on the catalog import card. */
export const homeIntent = z.object({
  intent: z.literal("import_catalog", { error: "must be import_catalog" }),
});
