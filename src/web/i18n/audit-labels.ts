import type { Locale } from '../../common/locale';

/**
 * Names for the audit log's entity types and actions. The server records codes (`user`,
 * `create`); a module that records a new code adds its names here. Unknown codes show as-is.
 */
export const AUDIT_ENTITY_LABELS: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    organization: '公司',
    community: '小区',
    building: '楼栋',
    unit: '房屋',
    resident: '住户',
    staff: '员工',
    user: '用户账号',
    work_order: '工单',
    standard: '服务标准',
    unit_request: '房屋认证申请',
  },
  'en-US': {
    organization: 'Company',
    community: 'Community',
    building: 'Building',
    unit: 'Unit',
    resident: 'Resident',
    staff: 'Staff member',
    user: 'User account',
    work_order: 'Work order',
    standard: 'Service standard',
    unit_request: 'Unit request',
  },
};

export const AUDIT_ACTION_LABELS: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    create: '新建',
    update: '修改',
    archive: '归档',
    delete: '删除',
    login: '登录',
    logout: '退出登录',
    reveal: '查看敏感信息',
    generate_units: '批量生成房屋',
    approve: '通过',
    reject: '驳回',
    set_password: '设置密码',
  },
  'en-US': {
    create: 'Create',
    update: 'Update',
    archive: 'Archive',
    delete: 'Delete',
    login: 'Sign in',
    logout: 'Log out',
    reveal: 'View sensitive data',
    generate_units: 'Generate units',
    approve: 'Approve',
    reject: 'Turn down',
    set_password: 'Set password',
  },
};

/** The name of an audit code in the locale, or the code itself when it has none. */
export function auditLabel(labels: Record<Locale, Record<string, string>>, locale: Locale, code: string): string {
  return labels[locale][code] ?? code;
}
