-- CreateTable
CREATE TABLE "ShopperExposure" (
    "shop" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "shopperKey" TEXT NOT NULL,
    "holdout" BOOLEAN NOT NULL,
    "surface" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "revenueMinor" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopperExposure_pkey" PRIMARY KEY ("shop","period","shopperKey")
);

-- CreateIndex
CREATE INDEX "ShopperExposure_shop_shopperKey_idx" ON "ShopperExposure"("shop", "shopperKey");

-- AddForeignKey
ALTER TABLE "ShopperExposure" ADD CONSTRAINT "ShopperExposure_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

