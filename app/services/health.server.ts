/** What `/healthz` reports: whether the app can reach its database. */
import { databaseIsReachable } from "../adapters/health.server";

export interface HealthReport {
  status: "ok" | "degraded";
  database: "ok" | "unreachable";
}

/** Checks the database with a trivial query; never throws. */
export async function checkHealth(): Promise<HealthReport> {
  const reachable = await databaseIsReachable();
  return { status: reachable ? "ok" : "degraded", database: reachable ? "ok" : "unreachable" };
}
