// The words of the HTML run report, in English and Chinese. Participant names come from diagramText, so the
// timeline's lanes and the sequence diagram call each system by the same name.
import type { Lang } from './lang.ts';
import { zhPunctuate } from './zhPunctuation.ts';
import type { MarkerKind } from './laneMarkers.ts';
import { EN_REPORT } from './i18n/en.ts';
import { ZH_REPORT } from './i18n/zh.ts';

export interface ReportText {
  htmlLang: string;
  /** The verdict of a scenario run, as the command states it. */
  scenarioVerdict(ok: boolean, violations: number): string;
  designLimitHint: string;
  lesson: string;
  narration: string;
  expectations: string;
  expectationsHint: string;
  expectationMet(met: boolean): string;
  got: string;
  unexpected: string;
  gap(from: string, to: string, length: string): string;
  foldedLanes(names: string): string;
  sequenceSvgHint: string;
  sources: string;
  statecharts: string;
  statechartsHint: string;
  defaultTitle(name: string, seed: number): string;
  valid(valid: boolean): string;
  yes: string;
  no: string;
  summary: string;
  scenario: string;
  seed: string;
  orders: string;
  simTime: string;
  events: string;
  settled: string;
  livelock: string;
  healedAt: string;
  traceHash: string;
  lostWrites: string;
  dlq: string;
  parked: string;
  openHalves: string;
  none: string;
  verdicts: string;
  safety: string;
  liveness: string;
  safetyHint: string;
  livenessHint: string;
  noViolations: string;
  violations(count: number): string;
  property: string;
  order: string;
  detail: string;
  evidence: string;
  checkers: string;
  checkerPass: string;
  checkerFail(count: number): string;
  replay: string;
  replayHint: string;
  copy: string;
  copied: string;
  timeline: string;
  timelineHint: string;
  filterOrder: string;
  markerHint: string;
  omittedMarkers(count: number): string;
  heal: string;
  down: string;
  partition: string;
  traceDisabled: string;
  marker(kind: MarkerKind): string;
  faults: string;
  faultOptions: string;
  faultScript: string;
  faultNone: string;
  faultsObserved: string;
  at: string;
  fault: string;
  ordersTable: string;
  ordersShown(shown: number, total: number): string;
  main: string;
  message: string;
  targetPurchases: string;
  deliveries: string;
  checks: string;
  ledgers: string;
  ledgersHint: string;
  investor: string;
  before: string;
  after: string;
  wallet: string;
  mmf: string;
  mmfRedeemed: string;
  targetFund: string;
  purchases: string;
  conserved: string;
  diagram: string;
  diagramHint: string;
  config: string;
  footer: string;
}

/**
 * The report wording for a language.
 *
 * @example
 * reportText('zh').safety; // '安全性'
 */
export function reportText(lang: Lang): ReportText {
  return lang === 'zh' ? ZH_PUNCTUATED : EN_REPORT;
}

/** The Chinese wording with full-width punctuation, strings and the strings functions return alike. */
const ZH_PUNCTUATED: ReportText = Object.fromEntries(
  Object.entries(ZH_REPORT).map(([key, value]) => [
    key,
    typeof value === 'string' ? zhPunctuate(value) : typeof value === 'function' ? (...args: unknown[]) => zhPunctuate(String((value as (...a: unknown[]) => unknown)(...args))) : value,
  ]),
) as unknown as ReportText;
