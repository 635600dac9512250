/** Server texts of inspection templates, plans, inspections and rectifications (merged into the one message table). */
export const QUALITY_MESSAGES = {
  'entity.inspection': { 'zh-CN': '检查', 'en-US': 'inspection' },
  'entity.inspectionPlan': { 'zh-CN': '检查计划', 'en-US': 'inspection plan' },
  'entity.inspectionTemplate': { 'zh-CN': '检查表', 'en-US': 'inspection template' },
  'entity.rectification': { 'zh-CN': '整改', 'en-US': 'rectification' },
  'field.notInTemplate': { 'zh-CN': '检查表中没有这一项', 'en-US': 'The inspection template has no such item' },
  'field.notAtLevel': { 'zh-CN': '本项目的服务等级不检查这一项', 'en-US': 'This item is not checked at the community’s service level' },
  'field.failNeedsPhoto': { 'zh-CN': '不合格项须拍照', 'en-US': 'A failed item needs a photo' },
  'field.templateUnknown': { 'zh-CN': '没有这份检查表', 'en-US': 'There is no such inspection template' },
} as const;
