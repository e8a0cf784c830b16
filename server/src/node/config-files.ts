// Finds and reads `.postmortemrc.json` / `.postmortemrc.yaml` / `.postmortemrc.yml` from a
// document's folder up to a root folder. The server and the CLI use this same function, so a
// report is checked the same way in the editor and in CI.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError, setConfigSource, type ConfigInput } from '../engine/config';

export const CONFIG_NAMES = ['.postmortemrc.json', '.postmortemrc.yaml', '.postmortemrc.yml'];

interface Cached {
  mtimeMs: number;
  value: ConfigInput;
}
const cache = new Map<string, Cached>();

export function readConfigFile(path: string): ConfigInput {
  const st = statSync(path);
  const hit = cache.get(path);
  if (hit && hit.mtimeMs === st.mtimeMs) return hit.value;
  const text = readFileSync(path, 'utf8');
  let value: unknown;
  try {
    // YAML merge keys (`<<: *defaults`) are applied, as people who write them expect.
    value = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { merge: true });
  } catch (e) {
    throw new ConfigError(`${path}: ${(e as Error).message}`);
  }
  if (value === null || value === undefined) value = {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(`${path}: the configuration must be an object`);
  setConfigSource(value as object, path);
  cache.set(path, { mtimeMs: st.mtimeMs, value: value as ConfigInput });
  return value as ConfigInput;
}

function exists(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * Config files that apply to `fileOrDir`, from the outermost (closest to `root`) to the innermost.
 * Without a root, the search goes up to the file system root.
 */
export function findConfigFiles(fileOrDir: string, root?: string): string[] {
  let dir = resolve(fileOrDir);
  try {
    if (!statSync(dir).isDirectory()) dir = dirname(dir);
  } catch {
    dir = dirname(dir);
  }
  const stop = root ? resolve(root) : undefined;
  const found: string[] = [];
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const p = join(dir, name);
      if (exists(p)) {
        found.push(p);
        break;
      }
    }
    if (stop && (dir === stop || !dir.startsWith(stop))) break;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return found.reverse();
}

export function loadConfigInputs(fileOrDir: string, root?: string): { inputs: ConfigInput[]; files: string[] } {
  const files = findConfigFiles(fileOrDir, root);
  return { inputs: files.map(readConfigFile), files };
}
