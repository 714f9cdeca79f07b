-- CreateTable
CREATE TABLE "SweepWatermark" (
    "sweep" TEXT NOT NULL,
    "sweptUntil" TIMESTAMP(3) NOT NULL,
    "caughtUpAt" TIMESTAMP(3),

    CONSTRAINT "SweepWatermark_pkey" PRIMARY KEY ("sweep")
);
