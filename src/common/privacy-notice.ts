import type { Locale } from './locale';

/**
 * The owner portal's privacy notice (个人信息保护告知). Owners accept it at their first sign-in
 * and again whenever `version` changes: change the version with any change of substance to the
 * text, so everyone is asked again. The portal shows it; the server records each acceptance with
 * the version and time (`portal_privacy_consents`).
 */
export const PRIVACY_NOTICE = {
  version: '2026-12-01',
  title: { 'zh-CN': '个人信息保护告知', 'en-US': 'Privacy notice' },
  sections: [
    {
      heading: { 'zh-CN': '我们收集哪些信息', 'en-US': 'What we collect' },
      body: {
        'zh-CN': '您的姓名、手机号码、所住房屋及与房屋的关系；您提交的报修、投诉、访客通行和物品放行内容，以及您上传的照片和签字。',
        'en-US': 'Your name, mobile number, your home and how you relate to it; what you file (repairs, complaints, visitor passes, goods-release slips), and the photos and signatures you upload.',
      },
    },
    {
      heading: { 'zh-CN': '用于什么', 'en-US': 'What it is used for' },
      body: {
        'zh-CN': '仅用于核实您的住户身份、处理您提出的服务请求、门岗核验通行、收缴物业费和向您回访。不用于营销，不出售给任何第三方。',
        'en-US': 'Only to confirm you live here, to handle what you ask for, to check passes at the gate, to collect property fees and to follow up with you. Never for marketing, never sold to anyone.',
      },
    },
    {
      heading: { 'zh-CN': '谁能看到', 'en-US': 'Who sees it' },
      body: {
        'zh-CN': '只有为您所在小区服务的物业工作人员，按岗位需要查看；维修师傅只看到派给他的工单。匿名投诉只有服务中心能看到您的姓名和电话。',
        'en-US': 'Only the property staff serving your community, as their job needs; a technician sees only the orders given to them. For an anonymous complaint only the service desk sees your name and phone.',
      },
    },
    {
      heading: { 'zh-CN': '保存多久', 'en-US': 'How long it is kept' },
      body: {
        'zh-CN': '您迁出后，物业按公司的数据保存规定删除或匿名化您的个人信息；法律要求保存的收费记录除外。',
        'en-US': "After you move out, your personal data is erased or made anonymous under the company's retention rules, except fee records the law requires to keep.",
      },
    },
    {
      heading: { 'zh-CN': '您的权利', 'en-US': 'Your rights' },
      body: {
        'zh-CN': '您可以在“设置”中查看和导出您的信息，也可以联系服务中心更正或删除。不同意本告知，将无法使用线上服务，您仍可到服务中心或拨打服务热线办理。',
        'en-US': 'You can see and export your data under Settings, and ask the service desk to correct or erase it. If you do not agree, you cannot use the online services; the service desk and the hotline still serve you.',
      },
    },
  ],
} as const satisfies {
  version: string;
  title: Record<Locale, string>;
  sections: readonly { heading: Record<Locale, string>; body: Record<Locale, string> }[];
};
