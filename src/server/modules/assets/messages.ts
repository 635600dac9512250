/** Server texts of the facilities register (merged into the one message table). */
export const ASSET_MESSAGES = {
  'entity.asset': { 'zh-CN': '设施设备', 'en-US': 'asset' },
  'field.assetCode': {
    'zh-CN': '编号只能包含字母、数字和 - _ . /，且以字母或数字开头',
    'en-US': 'A code has letters, digits and - _ . / only, and starts with a letter or digit',
  },
  'assets.warrantyBeforeInstall': { 'zh-CN': '保修截止日期不能早于安装日期', 'en-US': 'The warranty cannot end before the install date' },
  'assets.buildingArchived': { 'zh-CN': '该楼栋已归档', 'en-US': 'This building is archived' },
  'assets.retired': { 'zh-CN': '该设备已报废，不能再修改', 'en-US': 'This asset is retired and can no longer be changed' },
  'assets.retiredInImport': { 'zh-CN': '导入时状态只能是 在用/停用/维修中', 'en-US': 'An import may set In use, Stopped or Under repair only' },
} as const;
