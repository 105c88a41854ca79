// A named scenario's title and lesson in the reader's language: the scenario's own English text, or its Chinese
// entry in the Chinese catalogue (i18n/zh.ts) with full-width punctuation. A scenario file from a user has no
// Chinese entry and keeps its own words.
import type { Lang } from './lang.ts';
import { SCENARIO_TEXT_ZH } from './i18n/zh.ts';
import { zhPunctuate } from './zhPunctuation.ts';

/**
 * Title and lesson for display.
 *
 * @example
 * scenarioText('zh', { name: 'lost-commit', title: 'The commit is lost ...', lesson: '...' }).title; // '提交消息在网络上丢失；...'
 */
export function scenarioText(lang: Lang, scenario: { name: string; title?: string; lesson?: string }): { title?: string; lesson?: string } {
  const zh = lang === 'zh' ? SCENARIO_TEXT_ZH[scenario.name] : undefined;
  if (zh === undefined) return { title: scenario.title, lesson: scenario.lesson };
  return { title: zhPunctuate(zh.title), lesson: zhPunctuate(zh.lesson) };
}
