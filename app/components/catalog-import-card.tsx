/**
 * The home page's catalog import card: a progress bar while Shopify's export is read into the
 * catalog, what was imported and when once it is done, and the error with "Try again" when it
 * failed. Plain props (the loader's JSON): no server code here.
 */
import { Badge, Banner, BlockStack, Button, Card, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import { useId } from "react";

export type CatalogImportStatus = "created" | "running" | "downloading" | "completed" | "failed";

/** The latest catalog import as the loader sends it (dates as ISO strings). */
export interface CatalogImportView {
  status: CatalogImportStatus;
  productsImported: number;
  /** What Shopify counted when the import started; null when it could not say. */
  productsTotal: number | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface CatalogImportCardProps {
  progress: CatalogImportView | null;
  /** The shop's IANA zone (dates are shown in it); null until Cartlift has read it. */
  timeZone: string | null;
  /** The "Import catalog" / "Try again" request is on its way. */
  requesting: boolean;
  /** Why the last request could not start the import. */
  requestError: string | null;
  onRequest: () => void;
}

const ACTIVE: ReadonlySet<CatalogImportStatus> = new Set(["created", "running", "downloading"]);

/** True while an import is under way (the page refreshes its progress meanwhile). */
export function catalogImportActive(progress: CatalogImportView | null): boolean {
  return progress !== null && ACTIVE.has(progress.status);
}

export function CatalogImportCard(props: CatalogImportCardProps) {
  const { progress, requestError } = props;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Catalog
          </Text>
          <StatusBadge progress={progress} />
        </InlineStack>
        {progress === null ? <NotImported {...props} /> : null}
        {progress && catalogImportActive(progress) ? <Importing progress={progress} /> : null}
        {progress?.status === "completed" ? <Imported progress={progress} timeZone={props.timeZone} /> : null}
        {progress?.status === "failed" ? <Failed {...props} progress={progress} /> : null}
        {requestError && progress?.status !== "failed" ? (
          <Banner tone="critical" title="The catalog import could not start">
            <p>{requestError}</p>
          </Banner>
        ) : null}
      </BlockStack>
    </Card>
  );
}

function StatusBadge({ progress }: { progress: CatalogImportView | null }) {
  if (progress === null) return <Badge>Not imported</Badge>;
  if (progress.status === "completed") return <Badge tone="success">Up to date</Badge>;
  if (progress.status === "failed") return <Badge tone="critical">Failed</Badge>;
  return <Badge tone="info">Importing</Badge>;
}

function NotImported({ requesting, onRequest }: CatalogImportCardProps) {
  return (
    <BlockStack gap="200" inlineAlign="start">
      <Text as="p">Cartlift has not imported your catalog yet: offers need your products.</Text>
      <Button onClick={onRequest} loading={requesting}>
        Import catalog
      </Button>
    </BlockStack>
  );
}

function Importing({ progress }: { progress: CatalogImportView }) {
  const labelId = useId();
  const total = progress.productsTotal;
  const imported = count(progress.productsImported);
  const headline =
    total === null
      ? `Importing your catalog: ${imported} products so far`
      : `Importing your catalog: ${imported} of ${count(total)} products`;
  return (
    <BlockStack gap="200">
      <Text as="p" id={labelId}>
        {headline}
      </Text>
      {total === null ? null : (
        <ProgressBar progress={percent(progress.productsImported, total)} tone="primary" ariaLabelledBy={labelId} />
      )}
      {progress.status === "downloading" ? null : (
        <Text as="p" tone="subdued">
          Shopify is preparing the export of your products; Cartlift reads it as soon as it is ready.
        </Text>
      )}
    </BlockStack>
  );
}

function Imported({ progress, timeZone }: { progress: CatalogImportView; timeZone: string | null }) {
  const when = formatDate(progress.finishedAt ?? progress.startedAt, timeZone);
  return (
    <BlockStack gap="200">
      <Text as="p">
        Catalog up to date: {count(progress.productsImported)} products, imported {when}
      </Text>
      <Text as="p" tone="subdued">
        Product changes in Shopify reach Cartlift as they happen.
      </Text>
      {progress.error ? (
        <Banner tone="warning" title="Some of the export could not be read">
          <p>{progress.error}</p>
        </Banner>
      ) : null}
    </BlockStack>
  );
}

function Failed({
  progress,
  requesting,
  requestError,
  onRequest,
}: CatalogImportCardProps & { progress: CatalogImportView }) {
  return (
    <Banner
      tone="critical"
      title="The catalog import did not complete"
      action={{ content: "Try again", onAction: onRequest, loading: requesting }}
    >
      <BlockStack gap="100">
        <p>{requestError ?? progress.error ?? "The import stopped without saying why."}</p>
        {progress.productsImported > 0 ? (
          <p>{count(progress.productsImported)} products were imported before it stopped.</p>
        ) : null}
      </BlockStack>
    </Banner>
  );
}

function count(n: number): string {
  return n.toLocaleString("en");
}

function percent(done: number, total: number): number {
  if (total <= 0) return 100;
  return Math.min(100, Math.round((done / total) * 100));
}

// In the shop's zone (UTC until it is known): server and browser then render the same text.
function formatDate(iso: string, timeZone: string | null): string {
  return new Date(iso).toLocaleDateString("en", { dateStyle: "medium", timeZone: timeZone ?? "UTC" });
}
