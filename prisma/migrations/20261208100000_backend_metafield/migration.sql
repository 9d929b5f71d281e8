-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "backendUrl" TEXT;
