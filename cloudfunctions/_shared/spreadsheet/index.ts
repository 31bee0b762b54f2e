/**
 * Excel workbooks (.xlsx) in and out of the functions, through exceljs: `writeWorkbook` for exports,
 * `readWorkbook` for imported lists. Both work on bytes in memory (no files), so they run in any function.
 *
 * exceljs is loaded on first use, and only its Workbook class (not its streaming reader and writer):
 * the functions that bundle it pay for it only in the actions that make or read a workbook
 * (docs/PERFORMANCE.md, "Spreadsheets").
 */

export * from './read';
export type { CellValue } from './workbook';
export * from './write';
