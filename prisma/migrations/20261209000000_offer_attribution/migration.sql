-- AlterTable
ALTER TABLE "Order" ADD COLUMN "presentmentCurrency" TEXT;

-- AlterTable
ALTER TABLE "OrderLine" ADD COLUMN "offerMark" TEXT;
ALTER TABLE "OrderLine" ADD COLUMN "presentmentPriceMinor" BIGINT;

-- CreateTable
CREATE TABLE "OfferAttribution" (
    "shop" TEXT NOT NULL,
    "lineId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "processedAt" DATETIME NOT NULL,
    "source" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "surface" TEXT,
    "ruleId" TEXT,
    "personaId" TEXT,
    "productId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "customerId" TEXT,
    "quantity" INTEGER NOT NULL,
    "revenueMinor" BIGINT NOT NULL,
    "refundedMinor" BIGINT NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL,
    "presentmentCurrency" TEXT,
    "presentmentRevenueMinor" BIGINT,
    "attributedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shop", "lineId"),
    CONSTRAINT "OfferAttribution_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OfferAttribution_shop_orderId_fkey" FOREIGN KEY ("shop", "orderId") REFERENCES "Order" ("shop", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "OfferAttribution_shop_orderId_idx" ON "OfferAttribution"("shop", "orderId");

-- CreateIndex
CREATE INDEX "OfferAttribution_shop_processedAt_idx" ON "OfferAttribution"("shop", "processedAt");

-- CreateIndex
CREATE INDEX "OfferAttribution_shop_ruleId_idx" ON "OfferAttribution"("shop", "ruleId");

