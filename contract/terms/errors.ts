/**
 * What every cloud-function action answers: `{ok: true, data}` or `{ok: false, code, message}`.
 * `code` is stable for programs; `message` is plain Chinese for the person using the app.
 */
export const ERROR_CODES = [
  'BAD_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'FULL',
  'CLOSED',
  'LIMIT',
  /** Too many people changing the same thing at once: nothing was done, and trying again soon works. */
  'BUSY',
  'INTERNAL',
  /** An uploaded file over the 5 MB limit (or a workbook that unpacks to too much to read). */
  'FILE_TOO_LARGE',
  /** An uploaded file that is not an .xlsx workbook (an old .xls, a CSV, a picture, another zip). */
  'FILE_NOT_XLSX',
  /** An uploaded .xlsx that cannot be read (cut short or broken). */
  'FILE_DAMAGED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The most an uploaded file may weigh (FILE_TOO_LARGE): checked by the app before it uploads, by the
 * local cloud's upload endpoint, and again by the functions that read the file (WeChat Cloud's storage
 * itself takes far larger files).
 */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export type ActionFailure = { ok: false; code: ErrorCode; message: string };

export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

/** Default wording for each code, when an action has nothing more specific to say. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  BAD_INPUT: '填写的信息有误，请检查后再试',
  UNAUTHENTICATED: '请先登录微信后再使用',
  FORBIDDEN: '您没有权限进行这个操作',
  NOT_FOUND: '没有找到相关内容，可能已被删除',
  CONFLICT: '操作冲突，请刷新后再试',
  FULL: '名额已满',
  CLOSED: '已经截止，无法办理',
  LIMIT: '已达到次数上限',
  BUSY: '现在办理的人很多，请稍等片刻再试',
  INTERNAL: '系统繁忙，请稍后再试',
  FILE_TOO_LARGE: '文件不能超过 5 MB',
  FILE_NOT_XLSX: '请上传 .xlsx 格式的 Excel 文件',
  FILE_DAMAGED: '文件已损坏，无法读取，请在 Excel 中重新保存为 .xlsx 后再上传',
};
