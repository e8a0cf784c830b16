// The `.postmortemrc.json` that "Open the configuration file" writes when a workspace has none:
// every key of the config schema (schemas/postmortemrc.schema.json) that has a default, with that
// default, and every rule at its default severity, so a team sees what it can change. No VS Code
// imports: test/unit/starter-config.test.ts checks it resolves to the same configuration as none.

interface SchemaProperty {
  default?: unknown;
  properties?: Record<string, SchemaProperty>;
}

interface ConfigSchema {
  properties: Record<string, SchemaProperty>;
}

export function starterConfig(schema: ConfigSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(schema.properties)) {
    if (key === 'rules') {
      const rules = Object.entries(prop.properties ?? {}).filter(([id, r]) => id !== 'default' && r.default !== undefined);
      out.rules = Object.fromEntries(rules.map(([id, r]) => [id, r.default]));
    } else if (prop.default !== undefined) {
      out[key] = prop.default;
    }
  }
  return out;
}

export function starterConfigText(schema: ConfigSchema): string {
  return JSON.stringify(starterConfig(schema), null, 2) + '\n';
}
