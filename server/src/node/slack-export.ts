// Reads what `postmortem import slack` is given: a workspace export folder (users.json,
// channels.json, one folder of day files per channel), one channel's folder, one day file, or a
// saved Web API answer; the pure parser in engine/import/sources/slack.ts makes the rows.
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { slackRows, type SlackOptions } from '../engine/import/sources/slack';
import { ImportError, type TimelineRow } from '../engine/importers/rows';
import { readJsonFile } from './line-reader';

export interface SlackImportRequest extends Omit<SlackOptions, 'users' | 'channels'> {
  path: string;
  /** A users.json or users.list answer, when it is not beside the export. */
  usersFile?: string;
}

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;
const DAY = 86400000;

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function dayFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => DAY_FILE.test(f)).sort();
}

/**
 * The day files worth reading for the window: from two days before it starts (day files are cut
 * at midnight in the export's zone, not UTC) to two days after it ends (thread replies come later).
 */
function inRange(file: string, req: SlackImportRequest): boolean {
  const day = Date.parse(DAY_FILE.exec(file)![1] + 'T00:00:00Z');
  return (req.startMs === undefined || day >= req.startMs - 2 * DAY) && (req.endMs === undefined || day <= req.endMs + 2 * DAY);
}

async function optionalJson(path: string): Promise<unknown> {
  return isFile(path) ? readJsonFile(path) : undefined;
}

/** Rows from a Slack export folder, a channel folder, a day file or an API answer. */
export async function slackImportRows(req: SlackImportRequest): Promise<TimelineRow[]> {
  const path = req.path;
  let channelDir: string | undefined;
  let root: string | undefined;
  let channel = req.channel?.replace(/^#/, '');
  const docs: unknown[] = [];
  if (isDir(path)) {
    const subdirs = readdirSync(path).filter((f) => isDir(join(path, f)) && dayFiles(join(path, f)).length);
    if (dayFiles(path).length) {
      // One channel's folder of day files.
      channelDir = path;
      root = dirname(path);
      channel ??= basename(path);
    } else if (subdirs.length) {
      root = path;
      if (channel) {
        if (!subdirs.includes(channel)) throw new ImportError(`This Slack export has no channel "${channel}"; it has: ${subdirs.join(', ')}.`, 'usage');
      } else if (subdirs.length === 1) channel = subdirs[0];
      else throw new ImportError(`This Slack export has ${subdirs.length} channels: choose one with --channel (${subdirs.slice(0, 20).join(', ')}${subdirs.length > 20 ? ', ...' : ''}).`, 'usage');
      channelDir = join(path, channel);
    } else {
      throw new ImportError(`not a Slack export: ${path} has no channel folders of day files (YYYY-MM-DD.json) and no users.json beside them.`, 'format');
    }
    for (const f of dayFiles(channelDir).filter((f) => inRange(f, req))) docs.push(await readJsonFile(join(channelDir, f)));
  } else if (isFile(path)) {
    docs.push(await readJsonFile(path));
    // A day file inside an export: users.json is two levels up, and the folder names the channel.
    const exportRoot = dirname(dirname(path));
    if (DAY_FILE.test(basename(path)) && (isFile(join(exportRoot, 'users.json')) || isFile(join(exportRoot, 'channels.json')))) {
      root = exportRoot;
      channel ??= basename(dirname(path));
    }
  } else {
    throw new ImportError(`Cannot read ${path}: no such file or folder.`, 'usage');
  }
  const users = req.usersFile ? await readJsonFile(req.usersFile) : root ? await optionalJson(join(root, 'users.json')) : undefined;
  const channels = root ? await optionalJson(join(root, 'channels.json')) : undefined;
  return slackRows(docs, { ...req, users, channels, channel });
}
