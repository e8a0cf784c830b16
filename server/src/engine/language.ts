// Which language a report is written in, so its messages can be in that language when nobody set a
// locale. Counted over the first part of the report (title, header, summary), where the authors'
// own prose is; tables of imported log lines further down are often English in any report.
import type { Locale } from './types';

const SAMPLE = 16000;

/** 'ja' when the report's opening prose is mostly Japanese, else 'en'. */
export function reportLanguage(text: string): Locale {
  const sample = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  // Code and link targets say nothing about the authors' language.
  const prose = sample.replace(/```[\s\S]*?```|`[^`\n]*`|\]\([^)\n]*\)|<!--[\s\S]*?-->/g, ' ');
  let kana = 0;
  let han = 0;
  let latin = 0;
  for (let i = 0; i < prose.length; i++) {
    const c = prose.charCodeAt(i);
    if (c >= 0x3040 && c <= 0x30ff) kana++;
    else if (c >= 0x4e00 && c <= 0x9fff) han++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
  }
  // A Japanese character carries about as much as a short English word: weigh it so.
  const ja = kana + han;
  return kana >= 5 && ja * 3 >= latin ? 'ja' : 'en';
}
