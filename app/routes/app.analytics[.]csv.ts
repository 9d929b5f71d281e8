import type { LoaderFunctionArgs } from "@remix-run/node";
import { analyticsRangeQuery } from "../schemas/analytics";
import { exportAnalyticsCsv } from "../services/analytics.server";
import { parseWith, requireFound } from "../services/errors";
import { authenticate } from "../shopify.server";

// /app/analytics.csv?from&to: the home page's analytics for the same range, downloaded through
// App Bridge's authenticated fetch. A bad range is a JSON 400 `{ errors }`, not the default range.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const range = parseWith(analyticsRangeQuery, Object.fromEntries(new URL(request.url).searchParams));
  const csv = requireFound(await exportAnalyticsCsv(session.shop, range), "shop");
  return new Response(csv.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csv.filename}"`,
      // The shop's revenue: never kept by a shared cache or the browser's.
      "Cache-Control": "private, no-store",
    },
  });
};
