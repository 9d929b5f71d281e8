-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "upgradeFeatures" JSONB;
