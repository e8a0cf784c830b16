// The registry: every rule the engine runs, in the order findings of equal position are listed.
import type { Rule } from '../types';
import missingOwner from './missing-owner';
import missingDeadline from './missing-deadline';
import invalidDeadline from './invalid-deadline';
import missingPriority from './missing-priority';
import duplicateActionId from './duplicate-action-id';
import duplicateAction from './duplicate-action';
import timelineOrder from './timeline-order';
import timelineTimeFormat from './timeline-time-format';
import missingSection from './missing-section';
import missingHeaderField from './missing-header-field';
import singleContributingFactor from './single-contributing-factor';
import blamefulLanguage from './blameful-language';
import vagueAction from './vague-action';
import lateReview from './late-review';
import missingFollowUp from './missing-follow-up';
import overdueAction from './overdue-action';
import durationMismatch from './duration-mismatch';
import unquantifiedImpact from './unquantified-impact';
import shallowAnalysis from './shallow-analysis';
import invalidSeverity from './invalid-severity';
import invalidPriority from './invalid-priority';
import untrackedAction from './untracked-action';

export const RULES: readonly Rule[] = [
  missingOwner,
  missingDeadline,
  invalidDeadline,
  missingPriority,
  duplicateActionId,
  duplicateAction,
  timelineOrder,
  timelineTimeFormat,
  missingSection,
  missingHeaderField,
  singleContributingFactor,
  blamefulLanguage,
  vagueAction,
  lateReview,
  missingFollowUp,
  overdueAction,
  durationMismatch,
  unquantifiedImpact,
  shallowAnalysis,
  invalidSeverity,
  invalidPriority,
  untrackedAction,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
