/**
 * Every kind of file briefing reads, with the most it reads of one. The limits sit far above any
 * real briefing (the largest real inputs: a 20 MB data file, a 10 MB photo, a 30 MB font
 * collection) and far below what would exhaust memory; they are checked from the file's size
 * before a byte is read.
 */
export type FileKind =
  | 'data'
  | 'csv'
  | 'markdown'
  | 'image'
  | 'template'
  | 'partial'
  | 'style'
  | 'schema'
  | 'font'
  | 'profile'
  | 'config'
  | 'recipients'
  | 'cache'
  | 'package'
  | 'project'
  | 'lockfile'
  | 'tarball'
  | 'pdf';

const MB = 1024 * 1024;

export const SIZE_LIMITS: Readonly<Record<FileKind, number>> = {
  data: 64 * MB,
  csv: 64 * MB,
  markdown: 16 * MB,
  image: 50 * MB,
  template: 4 * MB,
  partial: 4 * MB,
  style: 1 * MB,
  schema: 4 * MB,
  font: 256 * MB,
  profile: 16 * MB,
  config: 1 * MB,
  recipients: 16 * MB,
  cache: 64 * MB,
  package: 64 * MB,
  project: 1 * MB,
  lockfile: 64 * MB,
  tarball: 1024 * MB,
  pdf: 2048 * MB,
};

/** How messages name each kind, in both languages. */
export const KIND_NAMES: Readonly<Record<FileKind, { en: string; zh: string }>> = {
  data: { en: 'data file', zh: '数据文件' },
  csv: { en: 'CSV file', zh: 'CSV 文件' },
  markdown: { en: 'Markdown file', zh: 'Markdown 文件' },
  image: { en: 'image', zh: '图片' },
  template: { en: 'template file', zh: '模板文件' },
  partial: { en: 'partial', zh: '模板片段' },
  style: { en: 'style sheet', zh: '样式文件' },
  schema: { en: 'schema', zh: '数据模式文件' },
  font: { en: 'font file', zh: '字体文件' },
  profile: { en: 'colour profile', zh: '色彩特性文件' },
  config: { en: 'config file', zh: '配置文件' },
  recipients: { en: 'recipients list', zh: '领取人名单' },
  cache: { en: 'cache file', zh: '缓存文件' },
  package: { en: "briefing's own file", zh: 'briefing 自带文件' },
  project: { en: 'project file', zh: '项目文件' },
  lockfile: { en: 'npm lock file', zh: 'npm 锁定文件' },
  tarball: { en: 'package file', zh: '安装包文件' },
  pdf: { en: 'built PDF', zh: '生成的 PDF' },
};

/** What a path is when it is not a regular file, in both languages. */
export type NotAFile = 'folder' | 'fifo' | 'device' | 'socket' | 'symlink' | 'other';

export const NOT_A_FILE_NAMES: Readonly<Record<NotAFile, { en: string; zh: string }>> = {
  folder: { en: 'a folder', zh: '文件夹' },
  fifo: { en: 'a named pipe (FIFO)', zh: '命名管道（FIFO）' },
  device: { en: 'a device', zh: '设备' },
  socket: { en: 'a socket', zh: '套接字' },
  symlink: { en: 'a symbolic link', zh: '符号链接' },
  other: { en: 'not an ordinary file', zh: '特殊文件' },
};

/** Megabytes with one decimal, for messages. */
export function megabytes(bytes: number): string {
  return (bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0);
}
