/**
 * Shopify's Prisma session storage with two changes to `loadSession`, which every app proxy request
 * runs (inside `authenticate.public.appProxy`):
 * - it reads its row with one raw query. Through the ORM it costs more than the storefront's whole
 *   offer decision (Prisma compiles each query in WebAssembly); the row and the Session are the same;
 * - inside `withStorefrontSessions` (the app proxy routes) a loaded session is remembered for
 *   `STOREFRONT_SESSION_TTL_MS`. The storefront never uses the session (it only needs the signature and
 *   the shop's installed flag, cached the same way), so a few seconds of staleness cost nothing, while
 *   the admin, webhooks and checkout always read the row. Writes here forget the shop's entries at once.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { PrismaClient } from "@prisma/client";
import type { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";

type RawSession = Record<string, unknown>;

const BOOLEANS = ["isOnline", "accountOwner", "collaborator", "emailVerified"] as const;
const DATES = ["expires", "refreshTokenExpires"] as const;

const STOREFRONT_SESSION_TTL_MS = 10_000;
const MAX_CACHED_SESSIONS = 1_000;
const storefrontScope = new AsyncLocalStorage<true>();

/** Runs `work` as a storefront request: its session loads may come from the short-lived cache. */
export function withStorefrontSessions<T>(work: () => Promise<T>): Promise<T> {
  return storefrontScope.run(true, work);
}

export class AppSessionStorage extends PrismaSessionStorage<PrismaClient> {
  private readonly recent = new Map<string, { session: Session | undefined; at: number }>();

  constructor(private readonly db: PrismaClient) {
    super(db);
  }

  override async loadSession(id: string): Promise<Session | undefined> {
    if (!storefrontScope.getStore()) return this.readSession(id);
    const now = Date.now();
    const hit = this.recent.get(id);
    if (hit && now - hit.at < STOREFRONT_SESSION_TTL_MS) return hit.session;
    const session = await this.readSession(id);
    this.recent.delete(id);
    this.recent.set(id, { session, at: now });
    if (this.recent.size > MAX_CACHED_SESSIONS) this.recent.delete(this.recent.keys().next().value!);
    return session;
  }

  override async storeSession(session: Session): Promise<boolean> {
    this.recent.delete(session.id);
    return super.storeSession(session);
  }

  override async deleteSession(id: string): Promise<boolean> {
    this.recent.delete(id);
    return super.deleteSession(id);
  }

  override async deleteSessions(ids: string[]): Promise<boolean> {
    for (const id of ids) this.recent.delete(id);
    return super.deleteSessions(ids);
  }

  private async readSession(id: string): Promise<Session | undefined> {
    const rows = await this.db.$queryRaw<RawSession[]>`SELECT * FROM "Session" WHERE "id" = ${id}`;
    const row = rows[0];
    if (!row) return undefined;
    // SQLite returns booleans as 0/1 and dates as text; PostgreSQL returns them typed.
    for (const key of BOOLEANS) if (row[key] !== null && row[key] !== undefined) row[key] = Boolean(row[key]);
    for (const key of DATES) if (row[key] !== null && row[key] !== undefined) row[key] = new Date(row[key] as string);
    if (row.userId !== null && row.userId !== undefined) row.userId = BigInt(row.userId as number);
    // The library's own row → Session mapping (private in its types, so the two stay identical).
    return (this as unknown as { rowToSession(row: RawSession): Session }).rowToSession(row);
  }
}
