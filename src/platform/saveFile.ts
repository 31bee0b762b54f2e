import Taro from '@tarojs/taro';
import { ApiError } from '../api/client';

/**
 * Files the app makes (the roster as Excel), saved where staff can use them: on weapp written to the
 * app's user folder and opened in WeChat's viewer, whose menu forwards or saves it; on h5 downloaded by
 * the browser. With a loading mask while it is made and a toast saying what went wrong, in Chinese.
 */

export interface FileToSave {
  fileName: string;
  base64: string;
}

const MIME_TYPES: Record<string, string> = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

/** A failure after the file arrived, in the user's words. */
export class SaveFileError extends Error {}

const extensionOf = (fileName: string) => fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();

async function saveOnWeapp({ fileName, base64 }: FileToSave): Promise<void> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`;
  try {
    await new Promise<void>((resolve, reject) =>
      Taro.getFileSystemManager().writeFile({ filePath, data: base64, encoding: 'base64', success: () => resolve(), fail: reject }),
    );
  } catch {
    throw new SaveFileError('文件保存失败，请检查手机存储空间后重试');
  }
  try {
    // The viewer's menu (showMenu) lets staff forward the file to a chat or save it.
    await Taro.openDocument({ filePath, fileType: extensionOf(fileName) as 'xlsx', showMenu: true });
  } catch {
    throw new SaveFileError('文件已生成，但打开失败，请稍后重试');
  }
}

function downloadOnH5({ fileName, base64 }: FileToSave): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: MIME_TYPES[extensionOf(fileName)] ?? 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Makes the file (`load`, e.g. a function call) and saves it, with a loading mask meanwhile. Answers
 * whether it worked; failures are told in a toast.
 */
export async function saveFileWithFeedback(load: () => Promise<FileToSave>, loadingText = '正在生成表格…'): Promise<boolean> {
  Taro.showLoading({ title: loadingText, mask: true });
  try {
    const file = await load();
    if (process.env.TARO_ENV === 'weapp') await saveOnWeapp(file);
    else downloadOnH5(file);
    Taro.hideLoading();
    // On weapp the opened document shows for itself.
    if (process.env.TARO_ENV !== 'weapp') Taro.showToast({ title: `已下载 ${file.fileName}`, icon: 'none', duration: 3000 });
    return true;
  } catch (err) {
    Taro.hideLoading();
    const message = err instanceof ApiError || err instanceof SaveFileError ? err.message : '导出失败，请稍后重试';
    Taro.showToast({ title: message, icon: 'none', duration: 3000 });
    return false;
  }
}
