// The registry: every rule the engine runs, in the order findings of equal position are listed.
import type { Rule } from '../types';
import missingOwner from './missing-owner';
import missingDeadline from './missing-deadline';
import invalidDeadline from './invalid-deadline';
import missingPriority from './missing-priority';
import duplicateActionId from './duplicate-action-id';
import timelineOrder from './timeline-order';
import timelineTimeFormat from './timeline-time-format';
import missingSection from './missing-section';
import missingHeaderField from './missing-header-field';
import singleContributingFactor from './single-contributing-factor';
import blamefulLanguage from './blameful-language';
import vagueAction from './vague-action';

export const RULES: readonly Rule[] = [
  missingOwner,
  missingDeadline,
  invalidDeadline,
  missingPriority,
  duplicateActionId,
  timelineOrder,
  timelineTimeFormat,
  missingSection,
  missingHeaderField,
  singleContributingFactor,
  blamefulLanguage,
  vagueAction,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
