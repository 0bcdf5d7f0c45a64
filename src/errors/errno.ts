/**
 * Why the system refused a read or write, as the `reason` / `reasonZh` parameters: the system's
 * code (searchable, the same in every language) with what it means. EBUSY is the one clerks meet
 * most: the old PDF is open in a viewer on Windows.
 */
const MEANING: Record<string, [string, string]> = {
  EACCES: ['permission denied', '没有权限'],
  EPERM: ['operation not permitted', '不允许此操作'],
  EBUSY: ['the file is in use, perhaps open in a PDF viewer', '文件正被占用，可能在 PDF 阅读器中打开着'],
  ENOSPC: ['the disk is full', '磁盘已满'],
  EROFS: ['the disk is read-only', '磁盘为只读'],
  EISDIR: ['it is a folder', '这是一个文件夹'],
  ENOTDIR: ['a part of the path is a file, not a folder', '路径中有一段是文件而不是文件夹'],
  ENOENT: ['no such file or folder', '文件或文件夹不存在'],
  EMFILE: ['too many open files', '打开的文件过多'],
  ENAMETOOLONG: ['the name is too long', '名称过长'],
  EADDRINUSE: ['another program uses that address', '该地址已被其他程序占用'],
  EADDRNOTAVAIL: ['this machine has no such address', '本机没有该地址'],
};

export function errnoReason(e: unknown): { reason: string; reasonZh: string } {
  const code = (e as NodeJS.ErrnoException)?.code;
  const meaning = code ? MEANING[code] : undefined;
  if (code && meaning) return { reason: `${code}, ${meaning[0]}`, reasonZh: `${code}，${meaning[1]}` };
  const message = code ?? (e as Error)?.message ?? String(e);
  return { reason: message, reasonZh: code ?? `原文：“${message}”` };
}
