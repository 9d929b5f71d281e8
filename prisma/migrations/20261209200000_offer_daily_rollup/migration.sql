-- CreateTable
CREATE TABLE "OfferDailyRollup" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "surface" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "personaId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "impressions" INTEGER NOT NULL DEFAULT 0,
    "clicks" INTEGER NOT NULL DEFAULT 0,
    "adds" INTEGER NOT NULL DEFAULT 0,
    "declines" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("shop", "day", "surface", "kind", "ruleId", "personaId", "productId"),
    CONSTRAINT "OfferDailyRollup_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "OfferDailyRollup_shop_surface_personaId_day_idx" ON "OfferDailyRollup"("shop", "surface", "personaId", "day");

