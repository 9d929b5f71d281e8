/**
 * Prisma access for webhook deliveries that failed validation (WebhookDeadLetter). Every query
 * carries the shop. A letter is "pending" until a replay succeeds (replayedAt set).
 */
import { prisma } from "../db.server";

export interface DeadLetterInput {
  shop: string;
  topic: string;
  webhookId: string;
  apiVersion: string | undefined;
  payload: string;
  error: string;
}

export interface DeadLetterRecord {
  id: string;
  topic: string;
  webhookId: string;
  payload: string;
  error: string;
  receivedAt: Date;
  replayedAt: Date | null;
  attempts: number;
}

const RECORD = {
  id: true,
  topic: true,
  webhookId: true,
  payload: true,
  error: true,
  receivedAt: true,
  replayedAt: true,
  attempts: true,
} as const;

/**
 * Keeps a delivery once per webhook id: a redelivery of the same bad body counts one more attempt,
 * takes the latest error and is pending again (even if an earlier replay had cleared it).
 */
export async function keepDeadLetter(input: DeadLetterInput): Promise<void> {
  const { shop, webhookId, ...rest } = input;
  await prisma.webhookDeadLetter.upsert({
    where: { shop_webhookId: { shop, webhookId } },
    create: { shop, webhookId, ...rest, apiVersion: rest.apiVersion ?? null, attempts: 1 },
    update: { error: rest.error, payload: rest.payload, replayedAt: null, attempts: { increment: 1 } },
  });
}

/** How many of the shop's letters wait for a replay. */
export async function countPendingDeadLetters(shop: string): Promise<number> {
  return prisma.webhookDeadLetter.count({ where: { shop, replayedAt: null } });
}

/** The shop's letters: the pending ones first, then replayed ones, each newest first. */
export async function listDeadLetterRecords(shop: string, limit: number): Promise<DeadLetterRecord[]> {
  const newest = [{ receivedAt: "desc" as const }, { id: "asc" as const }];
  const pending = await prisma.webhookDeadLetter.findMany({
    where: { shop, replayedAt: null },
    select: RECORD,
    orderBy: newest,
    take: limit,
  });
  if (pending.length >= limit) return pending;
  const replayed = await prisma.webhookDeadLetter.findMany({
    where: { shop, replayedAt: { not: null } },
    select: RECORD,
    orderBy: newest,
    take: limit - pending.length,
  });
  return [...pending, ...replayed];
}

/** Pending letters to replay, oldest first (only the given ids when there are some). */
export async function pendingDeadLetters(
  shop: string,
  ids: readonly string[] | undefined,
  limit: number,
): Promise<DeadLetterRecord[]> {
  return prisma.webhookDeadLetter.findMany({
    where: { shop, replayedAt: null, ...(ids ? { id: { in: [...ids] } } : {}) },
    select: RECORD,
    orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
    take: limit,
  });
}

/** The replay went through: the letter is no longer pending. */
export async function markDeadLetterReplayed(shop: string, id: string, at: Date): Promise<void> {
  await prisma.webhookDeadLetter.updateMany({ where: { shop, id }, data: { replayedAt: at } });
}

/** The replay failed again: one more attempt, with the new error. */
export async function recordFailedReplay(shop: string, id: string, error: string): Promise<void> {
  await prisma.webhookDeadLetter.updateMany({ where: { shop, id }, data: { error, attempts: { increment: 1 } } });
}
