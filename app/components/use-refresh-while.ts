import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

/**
 * Re-runs the page's loaders every `intervalMs` while `busy` (work that finishes in the background,
 * such as an import), and never otherwise; a refresh still in flight is not doubled.
 */
export function useRefreshWhile(busy: boolean, intervalMs: number): void {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), intervalMs);
    return () => clearInterval(timer);
  }, [busy, intervalMs, revalidator]);
}
