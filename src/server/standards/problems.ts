import type { Locale } from '../../common/locale';

/**
 * Problems found in a standard (validation) or in a requested transition (engine). Each names
 * the field it belongs to as a dotted path, so the API and forms can show it next to that field,
 * and carries a code plus parameters, so the text can be rendered in the reader's language.
 */
export const STANDARD_PROBLEM_CODES = [
  // Validation of a standard
  'invalid_value',
  'duplicate_key',
  'unknown_state',
  'unknown_transition',
  'unknown_time_limit',
  'unreachable_state',
  'dead_end_state',
  'no_terminal_state',
  'transition_without_roles',
  'record_role_not_allowed',
  'non_positive_duration',
  'working_days_need_business_calendar',
  'terminal_initial_state',
  'auto_advance_not_automatic',
  'breach_transition_not_automatic',
  'duplicate_record',
  'record_options_missing',
  'record_bounds_inverted',
  'record_negative_bound',
  'record_bound_not_for_type',
  'record_fact_not_for_type',
  'hook_params_invalid',
  // Engine: taking a transition
  'transition_not_allowed_from_state',
  'role_not_allowed',
  'condition_not_met',
  'record_missing',
  'no_matching_outcome',
  'invalid_deadline',
] as const;
export type StandardProblemCode = (typeof STANDARD_PROBLEM_CODES)[number];

export type ProblemParams = Record<string, string | number>;

export interface StandardProblem {
  /** Dotted path of the field the problem belongs to, e.g. `transitions.3.to`. */
  path: string;
  code: StandardProblemCode;
  params: ProblemParams;
}

type Template = (p: ProblemParams) => string;

const RECORD_KIND_NAMES: Record<Locale, Record<string, string>> = {
  'zh-CN': { field: '字段', photo: '照片', signature: '签名', consent: '确认同意' },
  'en-US': { field: 'field', photo: 'photo', signature: 'signature', consent: 'consent' },
};

const MESSAGES: Record<Locale, Record<StandardProblemCode, Template>> = {
  'zh-CN': {
    invalid_value: (p) => `取值无效：${p.message}`,
    duplicate_key: (p) => `编码“${p.key}”重复`,
    unknown_state: (p) => `状态“${p.key}”未定义`,
    unknown_transition: (p) => `操作“${p.key}”未定义`,
    unknown_time_limit: (p) => `时限“${p.key}”未定义`,
    unreachable_state: (p) => `从初始状态无法到达状态“${p.key}”`,
    dead_end_state: (p) => `状态“${p.key}”不是结束状态，却没有任何后续操作`,
    no_terminal_state: () => '标准至少需要一个“已关闭”或“已取消”类型的结束状态',
    transition_without_roles: (p) => `没有任何角色可以执行操作“${p.key}”`,
    record_role_not_allowed: (p) => `角色“${p.role}”不能执行此操作，不能作为记录的适用角色`,
    non_positive_duration: (p) => `时限“${p.key}”的时长必须大于零`,
    working_days_need_business_calendar: (p) => `时限“${p.key}”按工作日计算，必须使用工作日历`,
    terminal_initial_state: () => '初始状态不能是结束状态',
    auto_advance_not_automatic: (p) => `自动流转的操作“${p.key}”须从状态“${p.state}”出发、只有一个目标状态且不需要任何记录`,
    breach_transition_not_automatic: (p) => `时限“${p.limit}”超时后自动执行的操作“${p.key}”须只有一个目标状态且不需要任何记录`,
    duplicate_record: (p) => `记录“${p.name}”在同一步骤中重复`,
    record_options_missing: (p) => `选择项记录“${p.name}”须列出至少一个选项`,
    record_bounds_inverted: (p) => `记录“${p.name}”的下限${p.min}大于上限${p.max}`,
    record_negative_bound: (p) => `记录“${p.name}”的“${p.bound}”不能为负数`,
    record_bound_not_for_type: (p) => `“${p.bound}”不适用于类型为“${p.type}”的记录“${p.name}”`,
    record_fact_not_for_type: (p) => `记录“${p.name}”的类型“${p.type}”不能作为条件事实`,
    hook_params_invalid: (p) => `挂钩“${p.hook}”的参数无效：${p.message}`,
    transition_not_allowed_from_state: (p) => `当前状态“${p.state}”下不能执行操作“${p.transition}”`,
    role_not_allowed: (p) => `您的角色无权执行操作“${p.transition}”`,
    condition_not_met: (p) => `此工单不满足操作“${p.transition}”的条件`,
    record_missing: (p) =>
      p.min !== undefined
        ? `缺少${RECORD_KIND_NAMES['zh-CN'][String(p.kind)] ?? p.kind}“${p.name}”（至少 ${p.min}）`
        : `缺少${RECORD_KIND_NAMES['zh-CN'][String(p.kind)] ?? p.kind}“${p.name}”`,
    no_matching_outcome: (p) => `操作“${p.transition}”的填写内容不对应任何结果`,
    invalid_deadline: (p) => `“${p.field}”必须是有效的时间`,
  },
  'en-US': {
    invalid_value: (p) => `Invalid value: ${p.message}`,
    duplicate_key: (p) => `The key "${p.key}" is used more than once`,
    unknown_state: (p) => `The state "${p.key}" is not defined`,
    unknown_transition: (p) => `The action "${p.key}" is not defined`,
    unknown_time_limit: (p) => `The time limit "${p.key}" is not defined`,
    unreachable_state: (p) => `The state "${p.key}" cannot be reached from the initial state`,
    dead_end_state: (p) => `The state "${p.key}" is not an end state but has no action leading on`,
    no_terminal_state: () => 'The standard needs at least one end state of type "closed" or "cancelled"',
    transition_without_roles: (p) => `No role may take the action "${p.key}"`,
    record_role_not_allowed: (p) => `The role "${p.role}" may not take this action, so a record cannot apply to it`,
    non_positive_duration: (p) => `The time limit "${p.key}" must last longer than zero`,
    working_days_need_business_calendar: (p) => `The time limit "${p.key}" counts working days and needs the business calendar`,
    terminal_initial_state: () => 'The initial state cannot be an end state',
    auto_advance_not_automatic: (p) =>
      `The automatic transition "${p.key}" must leave state "${p.state}", lead to a single state and need no records`,
    breach_transition_not_automatic: (p) =>
      `The action "${p.key}" taken when the time limit "${p.limit}" runs out must lead to a single state and need no records`,
    duplicate_record: (p) => `The record "${p.name}" appears more than once in this step`,
    record_options_missing: (p) => `The choice record "${p.name}" needs at least one option`,
    record_bounds_inverted: (p) => `The record "${p.name}" has a lower bound ${p.min} above its upper bound ${p.max}`,
    record_negative_bound: (p) => `"${p.bound}" of the record "${p.name}" cannot be negative`,
    record_bound_not_for_type: (p) => `"${p.bound}" does not apply to the record "${p.name}" of type "${p.type}"`,
    record_fact_not_for_type: (p) => `The record "${p.name}" of type "${p.type}" cannot be a fact`,
    hook_params_invalid: (p) => `Invalid parameters of the hook "${p.hook}": ${p.message}`,
    transition_not_allowed_from_state: (p) => `The action "${p.transition}" is not possible in the state "${p.state}"`,
    role_not_allowed: (p) => `Your role may not take the action "${p.transition}"`,
    condition_not_met: (p) => `This work item does not meet the conditions of the action "${p.transition}"`,
    record_missing: (p) =>
      p.min !== undefined
        ? `The ${RECORD_KIND_NAMES['en-US'][String(p.kind)] ?? p.kind} "${p.name}" is missing (at least ${p.min})`
        : `The ${RECORD_KIND_NAMES['en-US'][String(p.kind)] ?? p.kind} "${p.name}" is missing`,
    no_matching_outcome: (p) => `The entries for the action "${p.transition}" match none of its outcomes`,
    invalid_deadline: (p) => `"${p.field}" must be a valid date and time`,
  },
};

/** The problem as a sentence in the given language. */
export function standardProblemMessage(problem: StandardProblem, locale: Locale): string {
  return MESSAGES[locale][problem.code](problem.params);
}
