/** Server texts of training (merged into the one message table). */
export const TRAINING_MESSAGES = {
  'entity.trainingCourse': { 'zh-CN': '培训课程', 'en-US': 'training course' },
  'entity.trainingSession': { 'zh-CN': '培训记录', 'en-US': 'training session' },
  'entity.staffCertificate': { 'zh-CN': '员工证书', 'en-US': 'staff certificate' },
  'notify.certificateExpiring': {
    'zh-CN': '{name}的{kind}（{number}）将于 {expiresOn} 到期，请及时复审换证',
    'en-US': "{name}'s {kind} certificate ({number}) expires on {expiresOn}; arrange its renewal",
  },
} as const;
