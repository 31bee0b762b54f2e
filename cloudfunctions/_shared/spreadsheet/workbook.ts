import type { Workbook as WorkbookType } from 'exceljs';

/** A cell's value as the functions write and read it: text, a number, or empty. */
export type CellValue = string | number | null;

type WorkbookClass = new () => WorkbookType;
let workbookClass: Promise<WorkbookClass> | undefined;
/** exceljs's Workbook, loaded once, on first use. */
export function loadWorkbookClass(): Promise<WorkbookClass> {
  workbookClass ??= import('exceljs/lib/doc/workbook').then((m) => ((m as { default?: WorkbookClass }).default ?? m) as WorkbookClass);
  return workbookClass;
}
