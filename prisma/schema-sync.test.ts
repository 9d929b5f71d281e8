import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { postgresSchemaFrom } from "./schema-sync";

describe("the PostgreSQL schema", () => {
  it("is exactly the SQLite schema with the postgresql provider (run `npm run db -- sync-schema` after editing)", () => {
    const sqlite = readFileSync("prisma/schema.prisma", "utf8");

    expect(readFileSync("prisma/postgresql/schema.prisma", "utf8")).toBe(postgresSchemaFrom(sqlite));
  });

  it("refuses a source schema that is not the SQLite one", () => {
    expect(() => postgresSchemaFrom('datasource db {\n  provider = "postgresql"\n}\n')).toThrow(/SQLite header/);
  });
});
