// Whether administrators learn who answered the end-of-term surveys. A program chooses (anonymous by default:
// mentees rate their mentor's support, and honest answers need a mentee not to fear being named). Every view
// of survey answers an administrator gets goes through `withSurveyAnonymity` (the chat view and any export),
// so no one place forgets it.

/** Who gave an answer; an anonymous answer has none. */
export interface Respondent {
  /** The mentee's or mentor's name. */
  name: string;
  /** A mentee's project, or the project a mentor mentored: with one mentee per project, it names them too. */
  project: string;
  submittedAt: Date;
}

export interface SurveyAnswer<A> {
  term: string;
  respondent: Respondent | null;
  answers: A;
}

/**
 * The answers as an administrator may read them: as they are when the program names respondents; else
 * without respondents, and ordered by term and answer rather than by submission, since the order in which
 * people answered (or the project) would tell who answered.
 */
export function withSurveyAnonymity<A>(answers: readonly SurveyAnswer<A>[], anonymous: boolean): SurveyAnswer<A>[] {
  if (!anonymous) return [...answers];
  const key = (a: SurveyAnswer<A>) => `${a.term}\u0000${JSON.stringify(a.answers)}`;
  return answers
    .map((a) => ({ term: a.term, respondent: null, answers: a.answers }))
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
