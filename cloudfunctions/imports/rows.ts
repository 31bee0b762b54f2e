import { ImportSheet, OpeningHours, ServiceClass, StationLevel } from '../../contract';
import { SheetRules } from '../../rules/import-plan';
import { CellValue } from '../_shared/spreadsheet';

/** What a row of each sheet of the import workbook reads into, and what describes a sheet (imports/sheets.ts). */

export interface Position {
  lng: number;
  lat: number;
}
export interface StreetRow {
  code: string;
  name: string;
}
export interface CommunityRow extends Position {
  code: string;
  name: string;
  /** The street's code. */
  street: string;
  households: number;
}
export interface CompoundRow extends Position {
  /** The community's code. */
  community: string;
  name: string;
  households: number;
}
export interface TeamRow {
  community: string;
  name: string;
  serviceClass: ServiceClass;
  services: string[];
  description: string;
  contactPhone: string;
  leaders: Array<{ name: string; phone: string }>;
}
export interface StationRow extends Position {
  name: string;
  level: StationLevel;
  /** The street's code (district and street stations), else ''. */
  street: string;
  /** The community's code (community and compound stations), else ''. */
  community: string;
  address: string;
  phone: string;
  services: string[];
  hours: OpeningHours;
}
export interface RowsOf {
  streets: StreetRow;
  communities: CommunityRow;
  compounds: CompoundRow;
  teams: TeamRow;
  stations: StationRow;
}

/** Where a row's parents are found: the district's stored objects and the file's own rows, by code and by name. */
export interface Parents {
  /** A street's code from its code or name, or null. */
  street(ref: string): string | null;
  /** A community's code from its code or name, and its centre, or null. */
  community(ref: string): { code: string; location: Position } | null;
  /** The row of the file a parent's code comes from when that row is refused: its number, else null. */
  refusedRow(sheet: 'streets' | 'communities', code: string): number | null;
}

export interface Column {
  header: string;
  required: boolean;
  width: number;
}
export const column = (header: string, required: boolean, width = 14): Column => ({ header, required, width });

export interface SheetSpecOf<K extends ImportSheet> {
  columns: Column[];
  /** An example row for the template, by header. */
  example: Record<string, CellValue>;
  /** A row's cells as fields, or what is wrong; its natural key. */
  read(cells: Record<string, CellValue>, parents: Parents): { key: string | null; fields?: RowsOf[K]; problems: string[] };
  /** The row as cells again (export, and the template's example). */
  write(fields: RowsOf[K]): Record<string, CellValue>;
  /** What the preview names the row by. */
  title(fields: RowsOf[K]): string;
  rules: SheetRules<RowsOf[K]>;
}
