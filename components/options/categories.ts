import type { Category } from '../../rules';
import type { UiLocale } from '../shared/i18n';

const LABELS: Record<Category, Record<UiLocale, string>> = {
  threat: { en: 'Threat', 'zh-Hans': '威胁恐吓', 'zh-Hant': '威脅恐嚇' },
  harassment: { en: 'Harassment', 'zh-Hans': '骚扰', 'zh-Hant': '騷擾' },
  insult: { en: 'Insult', 'zh-Hans': '侮辱谩骂', 'zh-Hant': '侮辱謾罵' },
  false_legal: { en: 'False legal claim', 'zh-Hans': '虚假法律后果', 'zh-Hant': '虛假法律後果' },
  impersonation: { en: 'Impersonation', 'zh-Hans': '冒充身份', 'zh-Hant': '冒充身分' },
  third_party_disclosure: { en: 'Disclosure to third parties', 'zh-Hans': '向第三方泄露', 'zh-Hant': '向第三方洩露' },
  privacy: { en: 'Personal data', 'zh-Hans': '个人信息', 'zh-Hant': '個人資訊' },
  contact_time: { en: 'Contact time', 'zh-Hans': '联系时间', 'zh-Hant': '聯絡時間' },
};

export const categoryLabel = (c: Category, locale: UiLocale) => LABELS[c]?.[locale] ?? c;
