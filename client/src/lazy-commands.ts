// The entry of dist/client-commands.js: the commands that are loaded on their first run rather than
// at activation (client/src/lazy.ts), with the engine's import code, the YAML reader and luxon that
// only they use. Activation loads dist/client.js alone.
export { runImportCommand } from './import/commands';
export { openConfig } from './open-config';
