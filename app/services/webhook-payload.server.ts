/**
 * What a webhook handler is given and how it refuses a body: kept apart from the intake
 * (webhook-intake.server.ts, which needs Shopify's auth helpers) so that the services handlers
 * live in, and the import jobs that share their parsing, load no HTTP or auth code.
 */
import type { z } from "zod";
import type { AdminGraphql } from "../adapters/admin-bulk.server";

/** A signed delivery whose body does not have the topic's shape; `issues` say where. */
export class InvalidWebhookPayload extends Error {
  override name = "InvalidWebhookPayload";
  constructor(readonly issues: string[]) {
    super(`invalid payload: ${issues.slice(0, 3).join("; ")}`);
  }
}

/** The payload parsed with the topic's schema, or a thrown InvalidWebhookPayload. */
export function parseWebhookPayload<T>(schema: z.ZodType<T>, payload: unknown): T {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  throw new InvalidWebhookPayload(
    parsed.error.issues.map((issue) => `${issue.path.join(".") || "payload"}: ${issue.message}`),
  );
}

/** What a topic's handler gets: the verified shop and topic, the parsed JSON, an Admin API client. */
export interface WebhookContext {
  shop: string;
  /** As Shopify sends it in X-Shopify-Topic, e.g. "products/update". */
  topic: string;
  webhookId: string;
  payload: unknown;
  /** The shop's offline Admin API client; undefined when the shop has no session (uninstalled). */
  admin: AdminGraphql | undefined;
}

export type WebhookHandler = (context: WebhookContext) => Promise<unknown>;
