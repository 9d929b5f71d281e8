import { checkHealth } from "../services/health.server";

// Liveness and readiness for load balancers: no auth, no shop data, never cached.
export const loader = async () => {
  const report = await checkHealth();
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
};
