/**
 * One pass over a products bulk export: parses its rows, puts variants and collections under their
 * product, and stores batches through catalog-import-store.server.ts. The export need not group
 * children under their product, so a child row may come
 * - right after its product (attached to it, stored with it),
 * - after its product's batch was stored (stored on its own, "detached"),
 * - before its product (an "orphan": held until its product's row arrives; the committed line
 *   position never passes an unresolved orphan, so a crash cannot lose it).
 * A row that cannot be read is counted and skipped; its product is then left as Cartlift has it
 * (neither half-written nor swept), and a line whose product cannot be told at all makes the
 * import skip the final sweep (see `sweepSafe`).
 */
import { saveCatalogBatch, type CatalogBatch } from "../adapters/catalog-import-store.server";
import {
  catalogBulkRowParser,
  isRejection,
  type CatalogBulkRejection,
  type CatalogBulkRow,
} from "../schemas/catalog-bulk";
import type { IncomingCollection, IncomingProduct } from "../schemas/catalog";
import { JsonlRun, type LineStats } from "./bulk-import.server";

const BATCH_PRODUCTS = 500;
// A batch also ends on variants: a catalog of 100-variant products keeps its transactions short.
const BATCH_VARIANTS = 2_500;

export interface CatalogRunStats {
  /** Products stored as the export has them. */
  productsWritten: number;
  /** Product rows skipped because the stored product is newer (a webhook came first). */
  productsStale: number;
  /** Product rows skipped because the product was deleted (a tombstone exists). */
  productsDeleted: number;
  /** Variant and collection rows dropped: their product's row could not be read, or never came. */
  childRowsDropped: number;
}

type ChildRow = Extract<CatalogBulkRow, { kind: "variant" | "collection" }>;

export interface CatalogRunOptions {
  shop: string;
  importId: string;
  currency: string;
  resumeAt: number;
  batchProducts?: number;
  batchVariants?: number;
  /** Called after each stored batch (the storefront's cached catalog is dropped). */
  afterBatch?: () => void;
}

export class CatalogRun extends JsonlRun<LineStats & CatalogRunStats> {
  /** False once a line could not be attributed to a product: the sweep would be unsafe. */
  sweepSafe = true;
  private readonly parse: (text: string) => CatalogBulkRow | CatalogBulkRejection;
  private pending = new Map<string, IncomingProduct>();
  private pendingVariants = 0;
  /** Every product row of this run, with its updated_at (detached variants are checked against it). */
  private readonly seen = new Map<string, Date>();
  /** Products whose row or one of whose child rows could not be read: left as stored. */
  private readonly dropped = new Set<string>();
  private orphans = new Map<string, { line: number; row: ChildRow }[]>();
  private batch = emptyBatch();
  private readonly savedCollections = new Set<string>();
  private ended = false;

  constructor(private readonly options: CatalogRunOptions) {
    const stats = {
      linesRead: 0,
      linesSkipped: 0,
      rowsRejected: 0,
      productsWritten: 0,
      productsStale: 0,
      productsDeleted: 0,
      childRowsDropped: 0,
    };
    super(stats, options.resumeAt, `catalog import ${options.importId} for ${options.shop}`);
    this.parse = catalogBulkRowParser(options.currency);
  }

  protected async row(text: string): Promise<void> {
    const row = this.parse(text);
    if (isRejection(row)) return this.rejectRow(row);
    if (row.kind === "product") return this.addProduct(row.product);
    if (row.kind === "collection") this.noteCollection(row.collection);
    this.addChild(row, this.position);
  }

  async flush(upTo: number): Promise<void> {
    if (this.ended) this.releaseOrphans();
    const commitAt = Math.max(this.committed, Math.min(upTo, this.firstOrphanLine() - 1));
    const batch = { ...this.batch, products: [...this.pending.values()] };
    if (commitAt <= this.committed && isEmpty(batch)) return;
    const { currency, shop, importId } = this.options;
    const saved = await saveCatalogBatch(shop, importId, currency, batch, commitAt);
    this.stats.productsWritten += saved.written.length;
    this.stats.productsStale += saved.stale.length;
    this.stats.productsDeleted += saved.deleted.length;
    this.pending = new Map();
    this.pendingVariants = 0;
    this.batch = emptyBatch();
    this.committed = commitAt;
    this.options.afterBatch?.();
  }

  override async end(): Promise<void> {
    this.ended = true;
    await this.flush(this.position);
  }

  private async addProduct(product: IncomingProduct): Promise<void> {
    if (this.dropped.has(product.id)) {
      this.batch.touch.push(product.id);
      return;
    }
    const full =
      this.pending.size >= (this.options.batchProducts ?? BATCH_PRODUCTS) ||
      this.pendingVariants >= (this.options.batchVariants ?? BATCH_VARIANTS);
    // Batches end before a product row, so a product and the children right after it stay together.
    if (full) await this.flush(this.position - 1);
    this.seen.set(product.id, product.shopifyUpdatedAt);
    this.pending.set(product.id, { ...product, collections: [], variants: [] });
    for (const orphan of this.orphans.get(product.id) ?? []) this.addChild(orphan.row, orphan.line);
    this.orphans.delete(product.id);
  }

  private addChild(row: ChildRow, line: number): void {
    const { productId } = row;
    if (this.dropped.has(productId)) {
      this.stats.childRowsDropped += 1;
      return;
    }
    const parent = this.pending.get(productId);
    if (parent && row.kind === "variant") {
      parent.variants.push(row.variant);
      this.pendingVariants += 1;
    } else if (parent && row.kind === "collection") {
      if (!parent.collections?.includes(row.collection.handle)) parent.collections?.push(row.collection.handle);
    } else if (this.seen.has(productId)) {
      this.detach(row);
    } else {
      this.orphans.set(productId, [...(this.orphans.get(productId) ?? []), { line, row }]);
    }
  }

  private detach(row: ChildRow): void {
    const productUpdatedAt = this.seen.get(row.productId);
    if (row.kind === "variant") {
      this.batch.variants.push({ productId: row.productId, variant: row.variant, productUpdatedAt });
    } else {
      this.batch.memberships.push({ productId: row.productId, handle: row.collection.handle, productUpdatedAt });
    }
  }

  // At the end, children whose product row never came in this run: their product may be stored (a
  // resumed run did not read its row again); the store drops those of unknown products.
  private releaseOrphans(): void {
    for (const list of this.orphans.values()) {
      for (const { row } of list) this.detach(row);
    }
    this.orphans = new Map();
  }

  private noteCollection(collection: IncomingCollection): void {
    if (this.savedCollections.has(collection.id)) return;
    this.savedCollections.add(collection.id);
    this.batch.collections.push(collection);
  }

  private rejectRow(rejection: CatalogBulkRejection): void {
    this.reject(rejection.reason);
    const productId = rejection.productId;
    if (!productId) {
      this.sweepSafe = false;
      return;
    }
    this.dropped.add(productId);
    const pending = this.pending.get(productId);
    if (pending) {
      this.pending.delete(productId);
      this.pendingVariants -= pending.variants.length;
    }
    this.stats.childRowsDropped += this.orphans.get(productId)?.length ?? 0;
    this.orphans.delete(productId);
    this.batch.touch.push(productId);
  }

  private firstOrphanLine(): number {
    let first = Infinity;
    for (const list of this.orphans.values()) for (const { line } of list) first = Math.min(first, line);
    return first;
  }
}

function emptyBatch(): CatalogBatch {
  return { products: [], variants: [], memberships: [], collections: [], touch: [] };
}

function isEmpty(batch: CatalogBatch): boolean {
  return (
    batch.products.length + batch.variants.length + batch.memberships.length + batch.collections.length === 0 &&
    batch.touch.length === 0
  );
}
