// The import commands' ids (package.json's contributes.commands), apart from the commands
// themselves: the extension registers them at activation and loads the commands (the bundle
// dist/client-commands.js) on the first run of one.
export const IMPORT_COMMAND_IDS = [
  'postmortem.importPrometheusRange',
  'postmortem.importAlertHistory',
  'postmortem.importLogs',
  'postmortem.importFromSource',
  'postmortem.setPrometheusCredentials',
] as const;

export type ImportCommandId = (typeof IMPORT_COMMAND_IDS)[number];
