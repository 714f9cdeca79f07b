// Who may apply and be accepted (LFX's eligibility), as each program sets it. Pure: the use cases in
// applications.ts look the facts up and ask here.
import { InvalidInput } from "../errors.js";

/** A program's settings; a new program has LFX's (prisma/schema.prisma's defaults). */
export interface EligibilitySettings {
  /** A person accepted as a mentee of the program in any earlier term may apply again. LFX: no. */
  allowReturningMentees: boolean;
  /** A person holds one ongoing enrollment at a time, across every program of the bot. LFX: yes. */
  oneMentorshipAtATime: boolean;
  /** Applications one mentee may have in a term; withdrawn ones do not count. LFX: 3. */
  applicationsPerTerm: number;
}

export const MAX_APPLICATIONS_PER_TERM_SETTING = 10;

/** The settings as `program eligibility` names them, with the values each takes. */
export const ELIGIBILITY_SETTINGS = {
  "returning-mentees": "allowed or refused",
  "one-mentorship-at-a-time": "yes or no",
  "applications-per-term": `a number from 1 to ${MAX_APPLICATIONS_PER_TERM_SETTING}`,
} as const;

export type EligibilitySettingName = keyof typeof ELIGIBILITY_SETTINGS;

const settingNames = Object.keys(ELIGIBILITY_SETTINGS) as EligibilitySettingName[];

/** One typed setting ("returning-mentees allowed") as the change it makes, or a refusal naming what is wrong. */
export function eligibilityChange(setting: string, value: string): Partial<EligibilitySettings> {
  const name = setting.trim().toLowerCase();
  const typed = value.trim().toLowerCase();
  const wrongValue = (expected: string) =>
    new InvalidInput({ value: `${name} is ${expected}, not "${value.trim()}".` });
  switch (name) {
    case "returning-mentees":
      if (typed === "allowed" || typed === "refused") return { allowReturningMentees: typed === "allowed" };
      throw wrongValue(ELIGIBILITY_SETTINGS[name]);
    case "one-mentorship-at-a-time":
      if (typed === "yes" || typed === "no") return { oneMentorshipAtATime: typed === "yes" };
      throw wrongValue(ELIGIBILITY_SETTINGS[name]);
    case "applications-per-term": {
      const count = /^\d+$/.test(typed) ? Number(typed) : Number.NaN;
      if (count >= 1 && count <= MAX_APPLICATIONS_PER_TERM_SETTING) return { applicationsPerTerm: count };
      throw wrongValue(ELIGIBILITY_SETTINGS[name]);
    }
    default:
      throw new InvalidInput({
        setting: `There is no eligibility setting "${setting.trim()}". The settings are ${settingNames.join(", ")}.`,
      });
  }
}

/** The settings in words, as the program's view shows them. */
export function describeEligibility(settings: EligibilitySettings): string {
  return [
    settings.allowReturningMentees ? "returning mentees allowed" : "returning mentees refused",
    settings.oneMentorshipAtATime ? "one mentorship at a time" : "several mentorships at a time allowed",
    `up to ${settings.applicationsPerTerm} application${settings.applicationsPerTerm === 1 ? "" : "s"} per term`,
  ].join("; ");
}

/**
 * Whether an ongoing enrollment in another program (or term) stands in the way of a new one: it does when
 * either program asks for one mentorship at a time, since either one's mentees promised it.
 */
export function oneAtATimeApplies(target: EligibilitySettings, ongoing: EligibilitySettings): boolean {
  return target.oneMentorshipAtATime || ongoing.oneMentorshipAtATime;
}
