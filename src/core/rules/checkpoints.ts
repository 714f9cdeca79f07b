// Where a mentee stands against their checkpoints: which are open for evaluation, which come next,
// which passed. Each enrollment has its own dates (an extension moves them), so these read the
// enrollment's schedule, never the term's.

/** One checkpoint of one enrollment: its window opens, is due, and closes when the grace period ends. */
export interface Scheduled {
  checkpointId: string;
  opensAt: Date;
  dueAt: Date;
  graceEndsAt: Date;
}

export interface Evaluated {
  checkpointId: string;
  outcome: string;
}

interface Timeline<S extends Scheduled> {
  checkpoints: readonly S[];
  evaluations: readonly Evaluated[];
}

export const hasPassed = (enrollment: { evaluations: readonly Evaluated[] }, checkpointId: string): boolean =>
  enrollment.evaluations.some((e) => e.checkpointId === checkpointId && e.outcome === "pass");

/** Checkpoints whose window (opens … grace end) contains `now`. */
export function openCheckpoints<S extends Scheduled>(enrollment: { checkpoints: readonly S[] }, now: Date): S[] {
  return enrollment.checkpoints.filter((s) => s.opensAt <= now && now <= s.graceEndsAt);
}

/** Not yet due and not passed: the deadlines a mentee still has ahead. */
export function upcomingCheckpoints<S extends Scheduled>(enrollment: Timeline<S>, now: Date): S[] {
  return enrollment.checkpoints.filter((s) => s.dueAt > now && !hasPassed(enrollment, s.checkpointId));
}

/** Open and not evaluated yet (an extension asks for the evaluation again): what a mentor owes. */
export function evaluationsOwed<S extends Scheduled>(enrollment: Timeline<S>, now: Date): S[] {
  return openCheckpoints(enrollment, now).filter(
    (s) => !enrollment.evaluations.some((e) => e.checkpointId === s.checkpointId && e.outcome !== "extend"),
  );
}

/** The checkpoint a mentor most likely evaluates now: the first open one not passed, else the first open. */
export function checkpointToEvaluate<S extends Scheduled>(enrollment: Timeline<S>, now: Date): S | undefined {
  const open = openCheckpoints(enrollment, now);
  return open.find((s) => !hasPassed(enrollment, s.checkpointId)) ?? open[0];
}

/** The next checkpoint to open after `now`, if any. */
export function nextToOpen<S extends Scheduled>(enrollment: { checkpoints: readonly S[] }, now: Date): S | undefined {
  return enrollment.checkpoints.find((s) => s.opensAt > now);
}

/** The first checkpoint not passed: an extension moves it and every one after it. */
export function firstNotPassed<S extends Scheduled>(enrollment: Timeline<S>): S | undefined {
  return enrollment.checkpoints.find((s) => !hasPassed(enrollment, s.checkpointId));
}

/** Open checkpoints the mentee has not sent a self-report for. */
export function selfReportsOwed<S extends Scheduled>(
  enrollment: { checkpoints: readonly S[]; selfReports: readonly { checkpointId: string }[] },
  now: Date,
): S[] {
  return openCheckpoints(enrollment, now).filter(
    (s) => !enrollment.selfReports.some((r) => r.checkpointId === s.checkpointId),
  );
}
