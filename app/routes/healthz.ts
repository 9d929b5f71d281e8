import { databaseIsReachable } from "../adapters/health.server";

// Liveness and readiness for load balancers: no auth, no shop data, never cached.
export const loader = async () => {
  const database = await databaseIsReachable();
  return Response.json(
    { status: database ? "ok" : "degraded", database: database ? "ok" : "unreachable" },
    { status: database ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
};
