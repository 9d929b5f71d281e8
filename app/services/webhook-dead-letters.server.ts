/**
 * Webhook deliveries that could not be read (dead letters, kept by receiveWebhook): the count the
 * home page shows, the list the deliveries page shows, and the replay that runs each pending one
 * through the same handler a live delivery uses (app/services/webhook-handlers.server.ts), once the
 * code (or the data it needed) is fixed.
 */
import type { AdminGraphql } from "../adapters/admin-bulk.server";
import * as letters from "../adapters/webhook-dead-letters.server";
import { webhookHandler } from "./webhook-handlers.server";
import { InvalidWebhookPayload } from "./webhook-payload.server";

/** Letters one press of "Replay all" works through; the rest wait for the next press. */
export const REPLAY_BATCH = 200;

export interface DeadLetterView {
  id: string;
  topic: string;
  webhookId: string;
  receivedAt: string;
  replayedAt: string | null;
  error: string;
  attempts: number;
}

export interface ReplayResult {
  replayed: number;
  failed: number;
  /** Pending letters left after this replay. */
  pending: number;
}

/** How many of the shop's deliveries wait for a replay (replayed ones do not count). */
export async function countDeadLetters(shop: string): Promise<number> {
  return letters.countPendingDeadLetters(shop);
}

/** The shop's dead letters for the admin, pending first, newest first (plain JSON). */
export async function listDeadLetters(shop: string, limit: number): Promise<DeadLetterView[]> {
  const rows = await letters.listDeadLetterRecords(shop, limit);
  return rows.map((row) => ({
    id: row.id,
    topic: row.topic,
    webhookId: row.webhookId,
    receivedAt: row.receivedAt.toISOString(),
    replayedAt: row.replayedAt?.toISOString() ?? null,
    error: row.error,
    attempts: row.attempts,
  }));
}

/**
 * Re-runs the shop's pending letters (or only `ids`), oldest first, through their topic's handler.
 * One that goes through is marked replayed; one that fails again keeps waiting with one more
 * attempt and the new error. A failure never stops the others.
 */
export async function replayDeadLetters(
  shop: string,
  admin: AdminGraphql | undefined,
  ids?: readonly string[],
): Promise<ReplayResult> {
  const pending = await letters.pendingDeadLetters(shop, ids, REPLAY_BATCH);
  let replayed = 0;
  for (const letter of pending) {
    const error = await replayOne(shop, admin, letter);
    if (error === null) {
      await letters.markDeadLetterReplayed(shop, letter.id, new Date());
      replayed += 1;
    } else await letters.recordFailedReplay(shop, letter.id, error);
  }
  return { replayed, failed: pending.length - replayed, pending: await letters.countPendingDeadLetters(shop) };
}

// The error that kept the letter from going through, or null when its handler accepted it.
async function replayOne(
  shop: string,
  admin: AdminGraphql | undefined,
  letter: letters.DeadLetterRecord,
): Promise<string | null> {
  const handler = webhookHandler(letter.topic);
  if (!handler) return `No handler for topic ${letter.topic}`;
  let payload: unknown;
  try {
    payload = JSON.parse(letter.payload);
  } catch {
    return "The stored body is not JSON";
  }
  try {
    await handler({ shop, topic: letter.topic, webhookId: letter.webhookId, payload, admin });
    return null;
  } catch (error) {
    if (error instanceof InvalidWebhookPayload) return error.message;
    // Anything else is a bug in the handler: kept on the letter for the merchant (and the logs),
    // so one broken letter does not keep the others from replaying.
    const message = error instanceof Error ? error.message : String(error);
    console.warn(`replaying ${letter.topic} ${letter.webhookId} for ${shop} failed: ${message}`);
    return `Replay failed: ${message}`;
  }
}
