import { z } from 'zod';
import { pageQuerySchema, pageSchema } from './api';
import type { Locale } from './locale';

/**
 * The audit log's contracts and the names of its codes, shared by the console (the log page) and
 * the server (its Excel export speaks the same words as the screen).
 */

/** Filters of `GET /api/v1/audit` and its export. */
export const auditFilterSchema = z.object({
  entityType: z.string().max(50).optional().meta({ description: 'e.g. user, community, unit, work_order' }),
  entityId: z.string().max(100).optional(),
  action: z.string().max(50).optional().meta({ description: 'e.g. create, update, archive, login, reveal' }),
  actorId: z.uuid().optional().meta({ description: 'The acting account (see GET /api/v1/audit/actors)' }),
  communityId: z.uuid().optional().meta({ description: 'Records about the community and what belongs to it (buildings, units, work orders, passes ...)' }),
  from: z.iso.datetime({ offset: true }).optional().meta({ description: 'Inclusive lower bound (ISO 8601)' }),
  to: z.iso.datetime({ offset: true }).optional().meta({ description: 'Exclusive upper bound (ISO 8601)' }),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditQuerySchema = pageQuerySchema.extend(auditFilterSchema.shape);
export type AuditQuery = z.infer<typeof auditQuerySchema>;

const localized = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });

export const auditEntrySchema = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime(),
    actor: z.object({ id: z.uuid().nullable(), displayName: z.string() }).nullable(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    entity: z
      .object({ label: z.string().meta({ description: 'Its number or name today (a unit as "building number")' }), communityId: z.uuid().nullable() })
      .nullable()
      .meta({ description: 'How the entity reads; null when it is unknown or gone' }),
    action: z.string(),
    actionName: localized.nullable().meta({ description: "The name of a step of the entity's standard, when the action is one" }),
    summary: z.object({
      before: z.record(z.string(), z.unknown()).optional(),
      after: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = pageSchema(auditEntrySchema);
export type AuditPage = z.infer<typeof auditPageSchema>;

/** `GET /api/v1/audit/actors`: the people who appear in the log, for the person filter. */
export const auditActorsSchema = z.object({ items: z.array(z.object({ id: z.uuid(), displayName: z.string() })) });
export type AuditActors = z.infer<typeof auditActorsSchema>;

/** Most records one export holds; past it the export is refused and asks for narrower filters. */
export const AUDIT_EXPORT_MAX = 10_000;

type Labels = Record<Locale, Record<string, string>>;

/** Names of the entity types. A module that records a new type adds its names here; unknown codes show as-is. */
export const AUDIT_ENTITY_LABELS: Labels = {
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
    price_item: '收费项目',
    gate_pass: '通行证',
    goods_slip: '放行条',
    decoration: '装修登记',
    patrol_route: '巡更路线',
    patrol_plan: '巡更计划',
    patrol_round: '巡更任务',
    duty_post: '岗位',
    shift_handover: '交接班',
    incident: '公共事件',
    emergency_plan: '应急预案',
    emergency_drill: '应急演练',
    asset: '设施设备',
    business_calendar: '工作日历',
    attachment: '附件',
    otp_challenge: '短信验证码',
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
    price_item: 'Price-list item',
    gate_pass: 'Gate pass',
    goods_slip: 'Goods-release slip',
    decoration: 'Decoration',
    patrol_route: 'Patrol route',
    patrol_plan: 'Patrol plan',
    patrol_round: 'Patrol round',
    duty_post: 'Duty post',
    shift_handover: 'Shift handover',
    incident: 'Incident',
    emergency_plan: 'Emergency plan',
    emergency_drill: 'Emergency drill',
    asset: 'Facility or equipment',
    business_calendar: 'Business calendar',
    attachment: 'Attachment',
    otp_challenge: 'Text-message code',
  },
};

/** Names of the actions the product records in code (steps of a standard are named by the standard). */
export const AUDIT_ACTION_LABELS: Labels = {
  'zh-CN': {
    create: '新建',
    created: '登记',
    update: '修改',
    archive: '归档',
    delete: '删除',
    erase: '删除个人信息',
    login: '登录',
    logout: '退出登录',
    reveal: '查看敏感信息',
    generate_units: '批量生成房屋',
    import: '导入',
    approve: '通过',
    reject: '驳回',
    set_password: '设置密码',
    reset_password: '重置密码',
    set_roles: '修改角色',
    disable: '停用账号',
    enable: '启用账号',
    update_data_settings: '修改数据设置',
    export_own_data: '导出本人数据',
    create_version: '发布新版本',
    upload: '上传',
    add_worker: '登记施工人员',
    check_in: '打卡',
    start_duty: '上岗',
    hand_over: '交班',
    take_over: '接班',
    retarget: '调整目标',
    retire: '报废',
  },
  'en-US': {
    create: 'Create',
    created: 'Register',
    update: 'Update',
    archive: 'Archive',
    delete: 'Delete',
    erase: 'Erase personal data',
    login: 'Sign in',
    logout: 'Log out',
    reveal: 'View sensitive data',
    generate_units: 'Generate units',
    import: 'Import',
    approve: 'Approve',
    reject: 'Turn down',
    set_password: 'Set password',
    reset_password: 'Reset password',
    set_roles: 'Change roles',
    disable: 'Disable account',
    enable: 'Enable account',
    update_data_settings: 'Change data settings',
    export_own_data: 'Export own data',
    create_version: 'Publish a version',
    upload: 'Upload',
    add_worker: 'Register a worker',
    check_in: 'Check in',
    start_duty: 'Start duty',
    hand_over: 'Hand over',
    take_over: 'Take over',
    retarget: 'Change target',
    retire: 'Retire',
  },
};

/** Names of the fields that change summaries carry most; others show their code. */
export const AUDIT_FIELD_LABELS: Labels = {
  'zh-CN': {
    name: '名称',
    displayName: '姓名',
    username: '用户名',
    roles: '角色',
    phone: '手机号',
    address: '地址',
    position: '岗位',
    skills: '技能',
    communityIds: '服务小区',
    hireDate: '入职日期',
    onDuty: '在岗',
    trainingStartedOn: '岗前培训开始',
    trainingCompletedOn: '岗前培训完成',
    archivedAt: '归档时间',
    disabledAt: '停用时间',
    mustChangePassword: '须修改密码',
    endedSessions: '结束的会话',
    reason: '原因',
    field: '字段',
    floor: '楼层',
    floors: '层数',
    unitsPerFloor: '每层户数',
    number: '编号',
    areaM2: '面积（㎡）',
    managedAreaM2: '管理面积（㎡）',
    use: '用途',
    status: '状态',
    state: '状态',
    stateType: '状态类型',
    relation: '关系',
    idType: '证件类型',
    idNumber: '证件号码',
    plates: '车牌',
    units: '房屋',
    serviceLevel: '服务等级',
    contractStart: '合同开始',
    contractEnd: '合同结束',
    deskHours: '前台工作时间',
    timeZone: '时区',
    hotline: '服务热线',
    category: '类别',
    urgency: '紧急程度',
    paid: '有偿',
    assigneeStaffId: '维修人员',
    version: '版本',
    facts: '记录',
    note: '备注',
    price: '价格',
    unit: '单位',
    code: '通行码',
    validUntil: '有效期至',
    visitorName: '访客',
    carrierName: '搬运人',
    items: '物品',
    company: '装修公司',
    startsOn: '开始日期',
    endsOn: '结束日期',
    description: '描述',
    active: '启用',
    origin: '来源',
    kind: '类型',
    enteredAt: '入园时间',
    exitedAt: '离开时间',
    closedAt: '关闭时间',
    outcome: '处置结果',
    unitId: '房屋',
    passId: '通行证',
    step: '步骤',
    text: '内容',
  },
  'en-US': {
    name: 'Name',
    displayName: 'Name',
    username: 'Username',
    roles: 'Roles',
    phone: 'Phone',
    address: 'Address',
    position: 'Position',
    skills: 'Skills',
    communityIds: 'Communities served',
    hireDate: 'Hire date',
    onDuty: 'On duty',
    trainingStartedOn: 'Training started',
    trainingCompletedOn: 'Training completed',
    archivedAt: 'Archived at',
    disabledAt: 'Disabled at',
    mustChangePassword: 'Must change password',
    endedSessions: 'Sessions ended',
    reason: 'Reason',
    field: 'Field',
    floor: 'Floor',
    floors: 'Floors',
    unitsPerFloor: 'Units per floor',
    number: 'Number',
    areaM2: 'Area (m²)',
    managedAreaM2: 'Managed area (m²)',
    use: 'Use',
    status: 'Status',
    state: 'State',
    stateType: 'State type',
    relation: 'Relation',
    idType: 'ID type',
    idNumber: 'ID number',
    plates: 'Plates',
    units: 'Units',
    serviceLevel: 'Service level',
    contractStart: 'Contract start',
    contractEnd: 'Contract end',
    deskHours: 'Desk hours',
    timeZone: 'Time zone',
    hotline: 'Service hotline',
    category: 'Category',
    urgency: 'Urgency',
    paid: 'Paid',
    assigneeStaffId: 'Technician',
    version: 'Version',
    facts: 'Records',
    note: 'Note',
    price: 'Price',
    unit: 'Unit',
    code: 'Code',
    validUntil: 'Valid until',
    visitorName: 'Visitor',
    carrierName: 'Carrier',
    items: 'Items',
    company: 'Company',
    startsOn: 'Starts on',
    endsOn: 'Ends on',
    description: 'Description',
    active: 'Active',
    origin: 'Origin',
    kind: 'Kind',
    enteredAt: 'Entered at',
    exitedAt: 'Left at',
    closedAt: 'Closed at',
    outcome: 'Outcome',
    unitId: 'Unit',
    passId: 'Pass',
    step: 'Step',
    text: 'Text',
  },
};

/** The name of an audit code in the locale, or the code itself when it has none. */
export function auditLabel(labels: Labels, locale: Locale, code: string): string {
  return labels[locale][code] ?? code;
}

/** An entry's action as people read it: the standard's step name, else the product's name, else the code. */
export function auditActionName(entry: Pick<AuditEntry, 'action' | 'actionName'>, locale: Locale): string {
  return entry.actionName?.[locale] ?? auditLabel(AUDIT_ACTION_LABELS, locale, entry.action);
}

/** A changed value in one line: lists joined, objects as JSON, empty as a dash. */
export function auditValueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.join('、') || '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
