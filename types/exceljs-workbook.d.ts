/**
 * exceljs's Workbook class on its own (`exceljs/lib/doc/workbook`), without the package's streaming
 * reader and writer: the functions' bundles load half as much (docs/PERFORMANCE.md). The package ships
 * types only for its main entry; this module is that entry's Workbook.
 */
declare module 'exceljs/lib/doc/workbook' {
  import { Workbook } from 'exceljs';

  export = Workbook;
}
