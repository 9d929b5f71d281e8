-- CreateTable
CREATE TABLE "ShopSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
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
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ShopSettings_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OfferRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "kind" TEXT NOT NULL,
    "surfaces" JSONB NOT NULL,
    "conditions" JSONB NOT NULL,
    "offer" JSONB NOT NULL,
    "discount" JSONB,
    "startsAt" DATETIME,
    "endsAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OfferRule_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Persona" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "builtInKey" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "conditions" JSONB NOT NULL,
    "techniques" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Persona_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OfferEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "occurredAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OfferEvent_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ShopperEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "shopperId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    CONSTRAINT "ShopperEvent_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecommendationSnapshot" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "orderCount" INTEGER NOT NULL,
    "trainedAt" DATETIME NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "payload" JSONB NOT NULL,
    CONSTRAINT "RecommendationSnapshot_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OrderImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "bulkOperationId" TEXT,
    "resultUrl" TEXT,
    "linesProcessed" INTEGER NOT NULL DEFAULT 0,
    "ordersImported" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OrderImport_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
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

