// Settings read per resource through workspace/configuration, cached until they change.
import type { Connection } from 'vscode-languageserver';
import type { ConfigInput } from '../engine/config';
import type { Locale, SeveritySetting } from '../engine/types';

export interface Settings {
  enable: boolean;
  rules: Record<string, SeveritySetting>;
  files: string[];
  locale: 'auto' | Locale;
  /** When an edited report is checked: as you type, or when it is saved. */
  run: 'onType' | 'onSave';
}

export const DEFAULT_SETTINGS: Settings = { enable: true, rules: {}, files: [], locale: 'auto', run: 'onType' };

export class SettingsCache {
  private cache = new Map<string, Promise<Settings>>();
  constructor(
    private connection: Connection,
    private supported: () => boolean,
  ) {}

  get(uri: string): Promise<Settings> {
    if (!this.supported()) return Promise.resolve(DEFAULT_SETTINGS);
    let s = this.cache.get(uri);
    if (!s) {
      s = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'postmortem' })
        .then((v: Partial<Settings> | null) => ({ ...DEFAULT_SETTINGS, ...(v ?? {}) }))
        .catch(() => DEFAULT_SETTINGS);
      this.cache.set(uri, s);
    }
    return s;
  }

  delete(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }
}

export function settingsToConfig(s: Settings): ConfigInput {
  const out: ConfigInput = {};
  if (s.rules && Object.keys(s.rules).length) out.rules = { ...s.rules };
  if (s.files?.length) out.files = s.files;
  if (s.locale === 'en' || s.locale === 'ja') out.locale = s.locale;
  return out;
}
