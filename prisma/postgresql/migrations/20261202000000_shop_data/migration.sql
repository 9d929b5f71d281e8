-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "detailsSyncedAt" TIMESTAMP(3),
ADD COLUMN     "developmentStore" BOOLEAN,
ADD COLUMN     "moneyFormat" TEXT,
ADD COLUMN     "planName" TEXT,
ADD COLUMN     "presentmentCurrencies" JSONB,
ADD COLUMN     "primaryDomain" TEXT,
ADD COLUMN     "timezone" TEXT,
ALTER COLUMN "currency" DROP DEFAULT;

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "options" JSONB,
ADD COLUMN     "publishedOnline" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "shopifyUpdatedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Variant" ADD COLUMN     "inventoryItemId" TEXT,
ADD COLUMN     "selectedOptions" JSONB;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "refundedMinor" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "shopifyUpdatedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "OrderLine" ADD COLUMN     "refundedMinor" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "refundedQuantity" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Collection" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "shopifyUpdatedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Collection_pkey" PRIMARY KEY ("shop","id")
);

-- CreateTable
CREATE TABLE "CatalogTombstone" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "deletedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CatalogTombstone_pkey" PRIMARY KEY ("shop","id")
);

-- CreateTable
CREATE TABLE "Refund" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "processedAt" TIMESTAMP(3) NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "lines" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Refund_pkey" PRIMARY KEY ("shop","id")
);

-- CreateTable
CREATE TABLE "CatalogImport" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "bulkOperationId" TEXT,
    "resultUrl" TEXT,
    "linesProcessed" INTEGER NOT NULL DEFAULT 0,
    "productsTotal" INTEGER,
    "productsImported" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CatalogImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDeadLetter" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "apiVersion" TEXT,
    "payload" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "replayedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "WebhookDeadLetter_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "Collection" ADD CONSTRAINT "Collection_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CatalogTombstone" ADD CONSTRAINT "CatalogTombstone_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CatalogImport" ADD CONSTRAINT "CatalogImport_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

