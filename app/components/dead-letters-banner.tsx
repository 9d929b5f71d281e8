/** The home page's notice of webhook deliveries Cartlift acknowledged but could not read. */
import { Banner } from "@shopify/polaris";

export function DeadLettersBanner({ count }: { count: number }) {
  if (count <= 0) return null;
  const title =
    count === 1
      ? "1 webhook delivery could not be read"
      : `${count.toLocaleString("en")} webhook deliveries could not be read`;
  return (
    <Banner tone="warning" title={title} action={{ content: "Review deliveries", url: "/app/webhooks" }}>
      <p>
        Shopify sent them and Cartlift kept them, but their content did not have the expected shape, so the changes they
        carry are not in Cartlift yet. They can be replayed once that is fixed.
      </p>
    </Banner>
  );
}
