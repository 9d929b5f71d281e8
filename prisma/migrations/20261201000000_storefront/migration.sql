-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "offerMarkKey" TEXT;

-- AlterTable
ALTER TABLE "OfferEvent" ADD COLUMN "clientEventId" TEXT;

-- AlterTable
ALTER TABLE "ShopperEvent" ADD COLUMN "clientEventId" TEXT;
ALTER TABLE "ShopperEvent" ADD COLUMN "variantId" TEXT;

-- CreateTable
CREATE TABLE "ShopperIdentity" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "shopperKey" TEXT NOT NULL,
    "customerId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "id"),
    CONSTRAINT "ShopperIdentity_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ShopperIdentity_shop_shopperKey_idx" ON "ShopperIdentity"("shop", "shopperKey");

-- CreateIndex
CREATE INDEX "ShopperIdentity_shop_customerId_idx" ON "ShopperIdentity"("shop", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "OfferEvent_shop_clientEventId_key" ON "OfferEvent"("shop", "clientEventId");

-- CreateIndex
CREATE UNIQUE INDEX "ShopperEvent_shop_clientEventId_key" ON "ShopperEvent"("shop", "clientEventId");

