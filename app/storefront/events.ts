/**
 * Shopper events for `POST /apps/cartlift/events`: batched (one request a second at most, 50 events
 * each), every event with a client-made id so a retried batch is stored once, sent with a `keepalive`
 * fetch (which outlives the page, like sendBeacon) and flushed at once on `pagehide`. A failed
 * batch is retried once, with the same ids. Losing an event is acceptable; breaking the page is not.
 */
import { json } from "./net";
import { PROXY } from "./proxy";
import { listen, uid, win } from "./util";

export type EventType = "impression" | "click" | "add" | "decline" | "view" | "remove";

export interface ShopperEvent {
  id: string;
  type: EventType;
  at: string;
  surface?: string;
  mark?: string;
  product?: string;
  variant?: string;
}

export const SID_KEY = "cartlift_sid";

const queue: ShopperEvent[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let memorySid: string | undefined;

/** The anonymous shopper id, kept in localStorage (cookies do not pass the app proxy). */
export function sid(): string {
  try {
    let s = localStorage.getItem(SID_KEY);
    if (!/^[\w-]{8,64}$/.test(s!)) localStorage.setItem(SID_KEY, (s = uid()));
    return s!;
  } catch {
    return (memorySid ||= uid());
  }
}

/** Queues an event for the next batch (sent a second after the first event queued). */
export function track(type: EventType, data: Omit<ShopperEvent, "id" | "type" | "at">) {
  queue.push({ id: uid(), type, at: new Date().toISOString(), ...data });
  timer ||= setTimeout(flush, 1000);
}

/** Sends everything queued, in batches of 50. */
export function flush() {
  clearTimeout(timer);
  timer = undefined;
  while (queue[0]) send(queue.splice(0, 50));
}

function send(events: ShopperEvent[], retry = 1) {
  json(PROXY + "events", { sid: sid(), events }, { keepalive: true }).catch(
    () => retry && setTimeout(send, 2000, events, 0),
  );
}

/** Flushes when the page is left (the keepalive request outlives it). */
export const flushOnHide = () => listen(win, "pagehide", flush);

/** Test hook: the events not yet sent. */
export const pending = () => queue;
