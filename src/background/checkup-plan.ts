import { aiTrainingRule, otherRuleIds, type RuleId } from '../shared/rules/setting-rules';

/** The settings one operation goes through: the AI setting first, then those the member chose, in the rule table's order. */
export function checkupPlan(chosenSettings: readonly string[]): RuleId[] {
  return [aiTrainingRule.id, ...otherRuleIds.filter((ruleId) => chosenSettings.includes(ruleId))];
}
