-- CreateTable
CREATE TABLE "ShopSettings" (
    "shop" TEXT NOT NULL,
    "priceCapPercent" INTEGER NOT NULL DEFAULT 25,
    "maxOffersProduct" INTEGER NOT NULL DEFAULT 1,
    "maxOffersCart" INTEGER NOT NULL DEFAULT 3,
    "maxOffersCheckout" INTEGER NOT NULL DEFAULT 2,
    "maxOffersCartRemoval" INTEGER NOT NULL DEFAULT 1,
    "maxOffersThankYou" INTEGER NOT NULL DEFAULT 2,
    "maxBoughtTogether" INTEGER NOT NULL DEFAULT 2,
    "declineCooldownDays" INTEGER NOT NULL DEFAULT 7,
    "maxImpressionsPerOfferPerDay" INTEGER NOT NULL DEFAULT 3,
    "holdoutPercent" INTEGER NOT NULL DEFAULT 5,
    "explorationPercent" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "OfferRule" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "kind" TEXT NOT NULL,
    "surfaces" JSONB NOT NULL,
    "conditions" JSONB NOT NULL,
    "offer" JSONB NOT NULL,
    "discount" JSONB,
    "startsAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OfferRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Persona" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "builtInKey" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "conditions" JSONB NOT NULL,
    "techniques" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Persona_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfferEvent" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "shopperId" TEXT NOT NULL,
    "customerId" TEXT,
    "offerKey" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "variantId" TEXT,
    "kind" TEXT NOT NULL,
    "surface" TEXT NOT NULL,
    "ruleId" TEXT,
    "personaId" TEXT,
    "holdout" BOOLEAN NOT NULL DEFAULT false,
    "valueMinor" BIGINT,
    "orderId" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfferEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShopperEvent" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "shopperId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopperEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecommendationSnapshot" (
    "shop" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "orderCount" INTEGER NOT NULL,
    "trainedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "payload" JSONB NOT NULL,

    CONSTRAINT "RecommendationSnapshot_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "OrderImport" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "bulkOperationId" TEXT,
    "resultUrl" TEXT,
    "linesProcessed" INTEGER NOT NULL DEFAULT 0,
    "ordersImported" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrderImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OfferRule_shop_active_priority_idx" ON "OfferRule"("shop", "active", "priority");

-- CreateIndex
CREATE INDEX "Persona_shop_position_idx" ON "Persona"("shop", "position");

-- CreateIndex
CREATE INDEX "OfferEvent_shop_occurredAt_idx" ON "OfferEvent"("shop", "occurredAt");

-- CreateIndex
CREATE INDEX "OfferEvent_shop_shopperId_occurredAt_idx" ON "OfferEvent"("shop", "shopperId", "occurredAt");

-- CreateIndex
CREATE INDEX "OfferEvent_shop_ruleId_idx" ON "OfferEvent"("shop", "ruleId");

-- CreateIndex
CREATE INDEX "ShopperEvent_shop_occurredAt_idx" ON "ShopperEvent"("shop", "occurredAt");

-- CreateIndex
CREATE INDEX "ShopperEvent_shop_shopperId_occurredAt_idx" ON "ShopperEvent"("shop", "shopperId", "occurredAt");

-- CreateIndex
CREATE INDEX "OrderImport_shop_startedAt_idx" ON "OrderImport"("shop", "startedAt");

-- AddForeignKey
ALTER TABLE "ShopSettings" ADD CONSTRAINT "ShopSettings_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfferRule" ADD CONSTRAINT "OfferRule_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Persona" ADD CONSTRAINT "Persona_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfferEvent" ADD CONSTRAINT "OfferEvent_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShopperEvent" ADD CONSTRAINT "ShopperEvent_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationSnapshot" ADD CONSTRAINT "RecommendationSnapshot_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderImport" ADD CONSTRAINT "OrderImport_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

