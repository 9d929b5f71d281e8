-- CreateTable
CREATE TABLE "OfferDiscount" (
    "shop" TEXT NOT NULL,
    "discountId" TEXT,
    "configHash" TEXT,
    "state" TEXT NOT NULL,
    "error" TEXT,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "retryAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OfferDiscount_pkey" PRIMARY KEY ("shop")
);

-- CreateIndex
CREATE INDEX "OfferDiscount_state_idx" ON "OfferDiscount"("state");

-- AddForeignKey
ALTER TABLE "OfferDiscount" ADD CONSTRAINT "OfferDiscount_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

