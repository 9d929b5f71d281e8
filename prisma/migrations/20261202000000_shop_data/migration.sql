-- AlterTable
ALTER TABLE "Variant" ADD COLUMN "inventoryItemId" TEXT;
ALTER TABLE "Variant" ADD COLUMN "selectedOptions" JSONB;

-- CreateTable
CREATE TABLE "Collection" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "shopifyUpdatedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "id"),
    CONSTRAINT "Collection_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CatalogTombstone" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "deletedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "id"),
    CONSTRAINT "CatalogTombstone_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Refund" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "processedAt" DATETIME NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "lines" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shop", "id"),
    CONSTRAINT "Refund_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CatalogImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "bulkOperationId" TEXT,
    "resultUrl" TEXT,
    "linesProcessed" INTEGER NOT NULL DEFAULT 0,
    "productsTotal" INTEGER,
    "productsImported" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CatalogImport_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebhookDeadLetter" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "apiVersion" TEXT,
    "payload" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "replayedAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Order" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "processedAt" DATETIME NOT NULL,
    "currency" TEXT NOT NULL,
    "subtotalMinor" BIGINT NOT NULL,
    "totalMinor" BIGINT NOT NULL,
    "customerId" TEXT,
    "cancelledAt" DATETIME,
    "refundedMinor" BIGINT NOT NULL DEFAULT 0,
    "shopifyUpdatedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shop", "id"),
    CONSTRAINT "Order_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Order" ("createdAt", "currency", "customerId", "id", "name", "processedAt", "shop", "subtotalMinor", "totalMinor") SELECT "createdAt", "currency", "customerId", "id", "name", "processedAt", "shop", "subtotalMinor", "totalMinor" FROM "Order";
DROP TABLE "Order";
ALTER TABLE "new_Order" RENAME TO "Order";
CREATE INDEX "Order_shop_processedAt_idx" ON "Order"("shop", "processedAt");
CREATE INDEX "Order_shop_customerId_idx" ON "Order"("shop", "customerId");
CREATE TABLE "new_OrderLine" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "productId" TEXT,
    "variantId" TEXT,
    "title" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "priceMinor" BIGINT NOT NULL,
    "refundedQuantity" INTEGER NOT NULL DEFAULT 0,
    "refundedMinor" BIGINT NOT NULL DEFAULT 0,

    PRIMARY KEY ("shop", "id"),
    CONSTRAINT "OrderLine_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OrderLine_shop_orderId_fkey" FOREIGN KEY ("shop", "orderId") REFERENCES "Order" ("shop", "id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_OrderLine" ("id", "orderId", "priceMinor", "productId", "quantity", "shop", "title", "variantId") SELECT "id", "orderId", "priceMinor", "productId", "quantity", "shop", "title", "variantId" FROM "OrderLine";
DROP TABLE "OrderLine";
ALTER TABLE "new_OrderLine" RENAME TO "OrderLine";
CREATE INDEX "OrderLine_shop_orderId_idx" ON "OrderLine"("shop", "orderId");
CREATE INDEX "OrderLine_shop_productId_idx" ON "OrderLine"("shop", "productId");
CREATE TABLE "new_Product" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "productType" TEXT NOT NULL DEFAULT '',
    "vendor" TEXT NOT NULL DEFAULT '',
    "tags" JSONB NOT NULL,
    "collections" JSONB NOT NULL,
    "imageUrl" TEXT,
    "upgradeFeatures" JSONB,
    "options" JSONB,
    "status" TEXT NOT NULL DEFAULT 'active',
    "publishedOnline" BOOLEAN NOT NULL DEFAULT true,
    "shopifyUpdatedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "id"),
    CONSTRAINT "Product_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Product" ("collections", "handle", "id", "imageUrl", "productType", "shop", "status", "tags", "title", "updatedAt", "upgradeFeatures", "vendor") SELECT "collections", "handle", "id", "imageUrl", "productType", "shop", "status", "tags", "title", "updatedAt", "upgradeFeatures", "vendor" FROM "Product";
DROP TABLE "Product";
ALTER TABLE "new_Product" RENAME TO "Product";
CREATE INDEX "Product_shop_productType_idx" ON "Product"("shop", "productType");
CREATE UNIQUE INDEX "Product_shop_handle_key" ON "Product"("shop", "handle");
CREATE TABLE "new_Shop" (
    "domain" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "presentmentCurrencies" JSONB,
    "timezone" TEXT,
    "moneyFormat" TEXT,
    "primaryDomain" TEXT,
    "planName" TEXT,
    "developmentStore" BOOLEAN,
    "detailsSyncedAt" DATETIME,
    "freeShippingThresholdMinor" BIGINT,
    "installedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" DATETIME,
    "offerMarkKey" TEXT,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Shop" ("currency", "domain", "freeShippingThresholdMinor", "installedAt", "name", "offerMarkKey", "uninstalledAt", "updatedAt") SELECT "currency", "domain", "freeShippingThresholdMinor", "installedAt", "name", "offerMarkKey", "uninstalledAt", "updatedAt" FROM "Shop";
DROP TABLE "Shop";
ALTER TABLE "new_Shop" RENAME TO "Shop";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Collection_shop_handle_idx" ON "Collection"("shop", "handle");

-- CreateIndex
CREATE INDEX "Refund_shop_orderId_idx" ON "Refund"("shop", "orderId");

-- CreateIndex
CREATE INDEX "CatalogImport_shop_startedAt_idx" ON "CatalogImport"("shop", "startedAt");

-- CreateIndex
CREATE INDEX "WebhookDeadLetter_shop_replayedAt_idx" ON "WebhookDeadLetter"("shop", "replayedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDeadLetter_shop_webhookId_key" ON "WebhookDeadLetter"("shop", "webhookId");

-- CreateIndex
CREATE INDEX "Variant_shop_inventoryItemId_idx" ON "Variant"("shop", "inventoryItemId");

