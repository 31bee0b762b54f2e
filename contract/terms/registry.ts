export const REGISTRY_KINDS = ['districts', 'streets', 'communities', 'compounds', 'teams'] as const;

export type RegistryKind = (typeof REGISTRY_KINDS)[number];

export const REGISTRY_KIND_LABELS: Record<RegistryKind, string> = {
  districts: '区',
  streets: '街道',
  communities: '社区',
  compounds: '小区',
  teams: '服务队',
};
