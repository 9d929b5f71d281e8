/**
 * The demo's switches, per browser: who is shopping (a cookie set by `/demo/shopper?as=…`) and
 * whether Cartlift is on (`?cartlift=on|off` on any page for that request, else a cookie set by
 * `/demo/cartlift?to=…`). The query parameter is never stored, so a benchmark can load the same
 * page both ways in one browser. For tests, `/demo/app?to=stopped|running` makes this browser's
 * proxy requests meet a closed port, as when the app is down, without stopping it for anyone else.
 */
import { SHOPPER_KINDS, type ShopperKind } from "./shop-data";

export interface DemoSession {
  shopper: ShopperKind;
  cartlift: boolean;
  /** `/demo/app?to=stopped`: this browser's proxy requests go to a closed port, as if the app were down. */
  appStopped: boolean;
}

export const SHOPPER_COOKIE = "demo_shopper";
export const CARTLIFT_COOKIE = "demo_cartlift";
export const APP_COOKIE = "demo_app";

export const SHOPPER_LABELS: Record<ShopperKind, string> = {
  new: "New visitor",
  returning: "Returning customer",
  vip: "VIP",
  b2b: "B2B buyer",
};

function cookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [key, value] = part.trim().split("=");
    if (key === name) return value;
  }
  return undefined;
}

const isShopper = (value: unknown): value is ShopperKind => SHOPPER_KINDS.includes(value as ShopperKind);

export function readSession(request: Request): DemoSession {
  const url = new URL(request.url);
  const shopper = cookie(request, SHOPPER_COOKIE);
  const query = url.searchParams.get("cartlift");
  const stored = cookie(request, CARTLIFT_COOKIE);
  const cartlift = query === "off" ? false : query === "on" ? true : stored !== "off";
  return {
    shopper: isShopper(shopper) ? shopper : "new",
    cartlift,
    appStopped: cookie(request, APP_COOKIE) === "stopped",
  };
}

/** Only same-site paths are followed back (no open redirect). */
export function safeReturnTo(value: string | null): string {
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

/** `/demo/shopper?as=vip&return_to=/products/x` and `/demo/cartlift?to=off&return_to=…`. */
export function handleSwitch(request: Request): Response | null {
  const url = new URL(request.url);
  const back = safeReturnTo(url.searchParams.get("return_to"));
  const set = (name: string, value: string) =>
    new Response(null, {
      status: 303,
      headers: { Location: back, "Set-Cookie": `${name}=${value}; Path=/; Max-Age=2592000; SameSite=Lax` },
    });
  if (url.pathname === "/demo/shopper") {
    const kind = url.searchParams.get("as");
    return set(SHOPPER_COOKIE, isShopper(kind) ? kind : "new");
  }
  if (url.pathname === "/demo/app")
    return set(APP_COOKIE, url.searchParams.get("to") === "stopped" ? "stopped" : "running");
  if (url.pathname === "/demo/cartlift")
    return set(CARTLIFT_COOKIE, url.searchParams.get("to") === "off" ? "off" : "on");
  return null;
}

/** The demo bar's links for the current page. */
export function demoBar(session: DemoSession, path: string, adminUrl: string) {
  const back = encodeURIComponent(path);
  return {
    shoppers: SHOPPER_KINDS.map((kind) => ({
      label: SHOPPER_LABELS[kind],
      url: `/demo/shopper?as=${kind}&return_to=${back}`,
      current: kind === session.shopper,
    })),
    cartlift_on: session.cartlift,
    cartlift_on_url: `/demo/cartlift?to=on&return_to=${back}`,
    cartlift_off_url: `/demo/cartlift?to=off&return_to=${back}`,
    admin_url: adminUrl,
  };
}
