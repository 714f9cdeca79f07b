-- AlterTable
ALTER TABLE "Program" ADD COLUMN     "allowReturningMentees" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "applicationsPerTerm" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "oneMentorshipAtATime" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Enrollment" ADD COLUMN     "graduationNote" TEXT,
ADD COLUMN     "graduationNoteById" TEXT;

-- AlterTable
ALTER TABLE "LetterOfCompletion" ADD COLUMN     "revokeReason" TEXT,
ADD COLUMN     "revokedAt" TIMESTAMP(3),
ADD COLUMN     "revokedById" TEXT;
