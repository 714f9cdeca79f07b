// Programs, terms and projects are named in commands by a short name (`lfx/2027-spring/kernel-docs`):
// one rule for all three, so every form and every use case says the same thing about it.

const SHORT_NAME = /^[a-z0-9][a-z0-9-]{1,39}$/;

export const SHORT_NAME_LENGTH = { min: 2, max: 40 } as const;

export const isShortName = (name: string): boolean => SHORT_NAME.test(name);

/** What a person reads when `label` (e.g. "Short name", "Term name") breaks the rule. */
export const shortNameRule = (label: string): string =>
  `${label}: ${SHORT_NAME_LENGTH.min} to ${SHORT_NAME_LENGTH.max} ` +
  `lowercase letters, digits or dashes, e.g. lfx or 2027-spring.`;
