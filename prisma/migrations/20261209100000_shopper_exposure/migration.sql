-- CreateTable
CREATE TABLE "ShopperExposure" (
    "shop" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "shopperKey" TEXT NOT NULL,
    "holdout" BOOLEAN NOT NULL,
    "surface" TEXT NOT NULL,
    "firstSeenAt" DATETIME NOT NULL,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "revenueMinor" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "period", "shopperKey"),
    CONSTRAINT "ShopperExposure_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ShopperExposure_shop_shopperKey_idx" ON "ShopperExposure"("shop", "shopperKey");

