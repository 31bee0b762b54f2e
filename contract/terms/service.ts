/** The eight service classes residents browse by (服务 tab tiles). */
export const SERVICE_CLASSES = ['haircut', 'repair', 'health', 'legal', 'education', 'culture', 'science', 'other'] as const;

export type ServiceClass = (typeof SERVICE_CLASSES)[number];

export const SERVICE_CLASS_LABELS: Record<ServiceClass, string> = {
  haircut: '理发',
  repair: '维修',
  health: '健康',
  legal: '法律',
  education: '教育',
  culture: '文化',
  science: '科普',
  other: '其他',
};
