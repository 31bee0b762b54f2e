/** The workbook's sheets, in the order they are applied (parents before children). */
export const IMPORT_SHEETS = ['streets', 'communities', 'compounds', 'teams', 'stations'] as const;

export type ImportSheet = (typeof IMPORT_SHEETS)[number];

/** The sheets' names in the workbook (and on screen). */
export const IMPORT_SHEET_NAMES: Record<ImportSheet, string> = {
  streets: '街道',
  communities: '社区',
  compounds: '小区',
  teams: '服务队',
  stations: '服务站',
};

export const ROW_FATES = ['refused', 'new', 'changed', 'unchanged'] as const;

export type RowFateKind = (typeof ROW_FATES)[number];

export const ROW_FATE_LABELS: Record<RowFateKind, string> = { refused: '有错误', new: '新增', changed: '有变化', unchanged: '无变化' };

export const IMPORT_STATES = ['previewed', 'applying', 'applied'] as const;
