/**
 * How the checkout extension's routes answer (docs/checkout-api.md): the session token decides the
 * shop, every answer (errors and the preflight too) carries the CORS headers the extension's
 * sandboxed origin needs, JSON with `Cache-Control: private, no-store`, and nothing personal logged.
 */
import { checkoutTokenClaimsSchema } from "../schemas/checkout";
import { storefrontShop } from "./storefront-shop.server";

const NO_STORE = "private, no-store";
const CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/[1-9]\d{0,19}$/;

/** Who is calling: the token's shop and, for a logged-in buyer, their customer GID. */
export interface CheckoutCaller {
  shop: string;
  customerId: string | null;
}

/** What `authenticate.public.checkout` gives back. */
export interface CheckoutAuth {
  sessionToken: unknown;
  cors: (response: Response) => Response;
}

/**
 * Authenticates the request, then runs the route's work for the caller. A missing, forged,
 * expired or wrong-audience token, or one for a shop where the app is not installed, is a 401
 * before anything is read; only POST (and the preflight) is served.
 */
export async function answerCheckout(
  request: Request,
  authenticate: (request: Request) => Promise<CheckoutAuth>,
  apiKey: string,
  work: (caller: CheckoutCaller) => Promise<Response>,
): Promise<Response> {
  let response: Response;
  let cors: ((response: Response) => Response) | null = null;
  try {
    if (request.method !== "POST" && request.method !== "OPTIONS")
      throw Response.json({ error: "use POST" }, { status: 405, headers: { Allow: "POST, OPTIONS" } });
    const auth = await authenticate(request);
    cors = auth.cors;
    const caller = await callerOf(auth.sessionToken, apiKey);
    response = await work(caller);
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    response = error;
  }
  // The helper answers a bad token (and a preflight) with an empty body.
  if (response.status >= 400 && !response.headers.get("Content-Type")?.includes("json")) {
    response = Response.json(
      { error: response.status === 401 ? "invalid session token" : "request refused" },
      { status: response.status },
    );
  }
  response = cors ? cors(response) : withOpenCors(request, response);
  response.headers.set("Cache-Control", NO_STORE);
  return response;
}

async function callerOf(sessionToken: unknown, apiKey: string): Promise<CheckoutCaller> {
  const claims = checkoutTokenClaimsSchema.safeParse(sessionToken);
  if (!claims.success) throw unauthorized();
  const { dest, aud, sub } = claims.data;
  // authenticate.public.checkout skips the audience check: a token minted for another app is not ours.
  if (!(Array.isArray(aud) ? aud.includes(apiKey) : aud === apiKey)) throw unauthorized();
  if (!(await storefrontShop(dest))) throw unauthorized();
  return { shop: dest, customerId: sub && CUSTOMER_GID.test(sub) ? sub : null };
}

function unauthorized(): Response {
  return Response.json({ error: "invalid session token" }, { status: 401 });
}

// Refused before the helper gave its `cors` (a bad token or method): the extension must still be
// able to read the status, so the same headers the helper would add.
function withOpenCors(request: Request, response: Response): Response {
  if (request.headers.get("Origin")) {
    response.headers.set("Access-Control-Allow-Origin", "*");
    response.headers.set("Access-Control-Allow-Headers", "Authorization, Content-Type");
  }
  return response;
}
