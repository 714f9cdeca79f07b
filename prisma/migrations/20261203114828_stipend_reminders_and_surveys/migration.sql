-- AlterTable
ALTER TABLE "Program" ADD COLUMN     "anonymousSurveys" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "unpaidReminderDays" INTEGER NOT NULL DEFAULT 14;

-- CreateTable
CREATE TABLE "MentorSurvey" (
    "projectId" TEXT NOT NULL,
    "mentorId" TEXT NOT NULL,
    "overall" INTEGER NOT NULL,
    "programSupport" INTEGER NOT NULL,
    "wouldMentorAgain" BOOLEAN NOT NULL,
    "comments" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MentorSurvey_pkey" PRIMARY KEY ("projectId","mentorId")
);

-- AddForeignKey
ALTER TABLE "MentorSurvey" ADD CONSTRAINT "MentorSurvey_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentorSurvey" ADD CONSTRAINT "MentorSurvey_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
