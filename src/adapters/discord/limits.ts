// Discord's hard limits on what the bot sends (see ../shared/docs/PLATFORMS.md beside the project). Every
// renderer clips or splits to them; the renderer tests check the results with discord.js's own validating
// builders.
export const LIMITS = {
  customId: 100,
  modalTitle: 45,
  modalInputs: 5,
  inputLabel: 45,
  labelDescription: 100,
  selectOptions: 25,
  optionLabel: 100,
  placeholder: 100,
  inputValue: 4000,
  buttonLabel: 80,
  buttonsPerRow: 5,
  rows: 5,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  embedsTotal: 6000,
  content: 2000,
  commandDescription: 100,
  commandOptions: 25,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

export const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
