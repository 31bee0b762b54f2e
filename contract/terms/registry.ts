export const REGISTRY_KINDS = ['districts', 'streets', 'communities', 'compounds', 'teams'] as const;

export type RegistryKind = (typeof REGISTRY_KINDS)[number];

export const REGISTRY_KIND_LABELS: Record<RegistryKind, string> = {
  districts: '区',
  streets: '街道',
  communities: '社区',
  compounds: '小区',
  teams: '服务队',
};

/** A phone residents may call (a team's, an event's organiser): a mobile, or a landline with its area code (0535-6301234). */
export const CONTACT_PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

/** A contact phone: empty (none) or one residents can dial. */
export function contactPhoneProblem(phone: string): string | null {
  return phone === '' || CONTACT_PHONE_PATTERN.test(phone) ? null : '联系电话格式不正确，请填写手机号或带区号的固定电话（如 0535-6301234）';
}
