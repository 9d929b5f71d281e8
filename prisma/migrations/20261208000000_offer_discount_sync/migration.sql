-- CreateTable
CREATE TABLE "OfferDiscount" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "discountId" TEXT,
    "configHash" TEXT,
    "state" TEXT NOT NULL,
    "error" TEXT,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "retryAt" DATETIME,
    "syncedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OfferDiscount_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "OfferDiscount_state_idx" ON "OfferDiscount"("state");

