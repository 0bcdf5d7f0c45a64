/**
 * Every user-facing message, keyed by a stable code. Messages are built from the code and its
 * parameters here and nowhere else, so a second language is a second column, not a rewrite.
 */
export type Lang = 'en' | 'zh';
type Params = Record<string, string | number>;
type Text = (p: Params) => string;

interface Entry {
  en: Text;
  zh: Text;
  hintEn?: Text;
  hintZh?: Text;
}

export const catalogue = {
  E_USAGE: {
    en: (p) => `${p.detail}`,
    zh: (p) => `${p.detail}`,
  },
  E_DATA_NOT_FOUND: {
    en: (p) => `data file not found: ${p.path}`,
    zh: (p) => `找不到数据文件：${p.path}`,
    hintEn: () => 'check the path; it is relative to the current folder',
    hintZh: () => '请检查路径，路径相对于当前文件夹',
  },
  E_DATA_FORMAT: {
    en: (p) => `unsupported data file type "${p.ext}"`,
    zh: (p) => `不支持的数据文件类型“${p.ext}”`,
    hintEn: () => 'use .yaml, .yml or .json',
    hintZh: () => '请使用 .yaml、.yml 或 .json 文件',
  },
  E_DATA_ENCODING: {
    en: () => `the file is not valid UTF-8 text`,
    zh: () => `文件不是有效的 UTF-8 文本`,
    hintEn: () => 'save the file as UTF-8 (in Notepad: Save As → Encoding: UTF-8)',
    hintZh: () => '请将文件另存为 UTF-8 编码（记事本：另存为 → 编码：UTF-8）',
  },
  E_YAML_SYNTAX: {
    en: (p) => `invalid YAML: ${p.reason}`,
    zh: (p) => `YAML 语法错误：${p.reason}`,
  },
  E_JSON_SYNTAX: {
    en: (p) => `invalid JSON: ${p.reason}`,
    zh: (p) => `JSON 语法错误：${p.reason}`,
  },
  E_SCHEMA: {
    en: (p) => `${p.path} ${p.reason}`,
    zh: (p) => `${p.path} ${p.reason}`,
  },
  E_CSV_NOT_FOUND: {
    en: (p) => `CSV file not found: ${p.path}`,
    zh: (p) => `找不到 CSV 文件：${p.path}`,
    hintEn: () => 'CSV paths are relative to the data file',
    hintZh: () => 'CSV 路径相对于数据文件所在的文件夹',
  },
  E_CSV_SYNTAX: {
    en: (p) => `invalid CSV: ${p.reason}`,
    zh: (p) => `CSV 格式错误：${p.reason}`,
  },
  E_CSV_ENCODING: {
    en: (p) => (p.kind === 'unknown' ? `unknown CSV encoding "${p.encoding}"`
      : p.kind === 'named' ? `the CSV file is not valid ${p.encoding} text` : `the CSV file is neither UTF-8 nor GBK/GB18030 text`),
    zh: (p) => (p.kind === 'unknown' ? `未知的 CSV 编码“${p.encoding}”`
      : p.kind === 'named' ? `CSV 文件不是有效的 ${p.encoding} 文本` : `CSV 文件既不是 UTF-8 也不是 GBK/GB18030 文本`),
    hintEn: () => 'save the table as "CSV UTF-8" in Excel, or write its encoding next to csv: (encoding: gb18030)',
    hintZh: () => '请在 Excel 中另存为“CSV UTF-8”，或在 csv: 旁写明编码（encoding: gb18030）',
  },
  E_MARKDOWN_NOT_FOUND: {
    en: (p) => `Markdown file not found: ${p.path}`,
    zh: (p) => `找不到 Markdown 文件：${p.path}`,
    hintEn: () => 'Markdown paths are relative to the data file',
    hintZh: () => 'Markdown 路径相对于数据文件所在的文件夹',
  },
  E_MARKDOWN_UNSUPPORTED: {
    en: (p) => `${p.what} cannot be printed`,
    zh: (p) => `无法排印${p.whatZh}`,
    hintEn: () => 'write the sub-points into the item\'s own text, or as a list of their own after it',
    hintZh: () => '请把子项写进该列表项的文字中，或在其后另起一个列表',
  },
  E_PATH_OUTSIDE_PROJECT: {
    en: (p) => `"${p.path}" lies outside the project folder ${p.root}`,
    zh: (p) => `“${p.path}”位于项目文件夹 ${p.root} 之外`,
    hintEn: () => 'copy the file into the project and refer to it by a relative path',
    hintZh: () => '请把文件复制到项目中，并使用相对路径引用',
  },
  E_URL_NOT_ALLOWED: {
    en: (p) => `"${p.url}" is a URL; briefing reads only local files`,
    zh: (p) => `“${p.url}”是网址；briefing 只读取本地文件`,
    hintEn: () => 'download the file into the project and refer to it by a relative path',
    hintZh: () => '请把文件下载到项目中，并使用相对路径引用',
  },
  E_IMAGE_NOT_FOUND: {
    en: (p) => `image file not found: ${p.path}`,
    zh: (p) => `找不到图片文件：${p.path}`,
    hintEn: () => 'image paths are relative to the data file',
    hintZh: () => '图片路径相对于数据文件所在的文件夹',
  },
  E_IMAGE_INVALID: {
    en: (p) => `cannot read image ${p.path}: ${p.reason}`,
    zh: (p) => `无法读取图片 ${p.path}：${p.reason}`,
    hintEn: () => 'use a PNG or JPEG file',
    hintZh: () => '请使用 PNG 或 JPEG 图片',
  },
  E_TEMPLATE_NOT_FOUND: {
    en: (p) => `unknown template "${p.name}"`,
    zh: (p) => `未知的模板“${p.name}”`,
    hintEn: (p) => `available templates: ${p.available}`,
    hintZh: (p) => `可用的模板：${p.available}`,
  },
  E_TEMPLATE_UNSET: {
    en: () => `no template chosen for this data file`,
    zh: () => `没有为该数据文件指定模板`,
    hintEn: () => 'add "template: bulletin" to the data, or pass -t <name>',
    hintZh: () => '请在数据中加入“template: bulletin”，或使用 -t <模板名>',
  },
  E_TEMPLATE_INVALID: {
    en: (p) => `template folder is incomplete: ${p.reason}`,
    zh: (p) => `模板文件夹不完整：${p.reason}`,
  },
  E_TEMPLATE_SYNTAX: {
    en: (p) => `template syntax error: ${p.reason}`,
    zh: (p) => `模板语法错误：${p.reason}`,
  },
  E_TEMPLATE_MISSING_FIELD: {
    en: (p) => `the template reads "${p.field}", which the data does not have`,
    zh: (p) => `模板读取了数据中不存在的字段“${p.field}”`,
    hintEn: () => 'add the field to the data, or guard it in the template with {{#if}}',
    hintZh: () => '请在数据中补充该字段，或在模板中用 {{#if}} 判断',
  },
  E_PARTIAL_MISSING: {
    en: (p) => `the template uses partial "${p.name}", which does not exist`,
    zh: (p) => `模板引用的片段“${p.name}”不存在`,
    hintEn: (p) => `partials live in partials/<name>.hbs; known: ${p.known}`,
    hintZh: (p) => `片段应位于 partials/<名称>.hbs；现有：${p.known}`,
  },
  E_HELPER_MISSING: {
    en: (p) => `the template calls helper "${p.name}", which does not exist`,
    zh: (p) => `模板调用的辅助函数“${p.name}”不存在`,
    hintEn: (p) => `known helpers: ${p.known}`,
    hintZh: (p) => `现有辅助函数：${p.known}`,
  },
  E_TEMPLATE_RENDER: {
    en: (p) => `the template failed: ${p.reason}`,
    zh: (p) => `模板渲染失败：${p.reason}`,
  },
  E_MARKUP_SYNTAX: {
    en: (p) => `malformed markup: ${p.reason}`,
    zh: (p) => `标记格式错误：${p.reason}`,
  },
  E_MARKUP_UNKNOWN_ELEMENT: {
    en: (p) => `unknown element <${p.name}>`,
    zh: (p) => `未知的元素 <${p.name}>`,
    hintEn: (p) => `${p.suggestion}see docs/markup.md for the elements`,
    hintZh: (p) => `${p.suggestion}元素列表见 docs/markup.md`,
  },
  E_MARKUP_UNKNOWN_ATTRIBUTE: {
    en: (p) => `<${p.element}> has no attribute "${p.name}"`,
    zh: (p) => `<${p.element}> 没有属性“${p.name}”`,
    hintEn: (p) => `it takes: ${p.known}`,
    hintZh: (p) => `可用属性：${p.known}`,
  },
  E_MARKUP_ATTRIBUTE_VALUE: {
    en: (p) => `<${p.element} ${p.name}="${p.value}">: ${p.reason}`,
    zh: (p) => `<${p.element} ${p.name}="${p.value}">：${p.reason}`,
  },
  E_MARKUP_NESTING: {
    en: (p) => `${p.what} cannot stand ${p.parent === '' ? 'outside <document>' : `inside <${p.parent}>`}`,
    zh: (p) => `${p.what} ${p.parent === '' ? '不能放在 <document> 之外' : `不能放在 <${p.parent}> 之内`}`,
    hintEn: (p) => (String(p.what).startsWith('<') ? 'see docs/markup.md for where each element may stand' : 'wrap text in <p> or another text element'),
    hintZh: (p) => (String(p.what).startsWith('<') ? '各元素可出现的位置见 docs/markup.md' : '请把文字放在 <p> 等文字元素之内'),
  },
  E_STYLE: {
    en: (p) => `invalid style: ${p.reason}`,
    zh: (p) => `样式错误：${p.reason}`,
  },
  E_FONT_MISSING: {
    en: (p) => `font file for role "${p.role}" not found: ${p.path}`,
    zh: (p) => `找不到字体角色“${p.role}”的字体文件：${p.path}`,
    hintEn: () => 'check the fonts section of briefing.config.yaml, or reinstall briefing',
    hintZh: () => '请检查 briefing.config.yaml 的 fonts 部分，或重新安装 briefing',
  },
  E_FONT_INVALID: {
    en: (p) => `font file for role "${p.role}" cannot be read as a font: ${p.path} (${p.reason})`,
    zh: (p) => `字体角色“${p.role}”的文件无法作为字体读取：${p.path}（${p.reason}）`,
    hintEn: () => 'use a TrueType (.ttf), OpenType (.otf) or collection (.ttc) file',
    hintZh: () => '请使用 TrueType（.ttf）、OpenType（.otf）或字体集（.ttc）文件',
  },
  E_CONFIG: {
    en: (p) => `invalid config: ${p.reason}`,
    zh: (p) => `配置错误：${p.reason}`,
  },
  E_READ: {
    en: (p) => `cannot read ${p.path}: ${p.reason}`,
    zh: (p) => `无法读取 ${p.path}：${p.reason}`,
    hintEn: () => 'check that the file is readable',
    hintZh: () => '请检查文件是否可读',
  },
  E_FONT_ROLE: {
    en: (p) => `font role "${p.role}" is not defined`,
    zh: (p) => `未定义字体角色“${p.role}”`,
    hintEn: (p) => `known roles: ${p.known}; map a new role to files in briefing.config.yaml`,
    hintZh: (p) => `现有角色：${p.known}；可在 briefing.config.yaml 中为新角色指定字体文件`,
  },
  E_TIMEOUT: {
    en: (p) => `the document took longer than ${p.seconds} s and was stopped`,
    zh: (p) => `文档排版超过 ${p.seconds} 秒，已停止`,
    hintEn: () => 'raise --timeout for very long documents, or look for a template that repeats without end',
    hintZh: () => '超长文档可调大 --timeout；否则请检查模板是否无限重复',
  },
  E_MAX_PAGES: {
    en: (p) => `the document has ${p.pages} pages, more than the limit of ${p.max}`,
    zh: (p) => `文档共 ${p.pages} 页，超过上限 ${p.max} 页`,
    hintEn: () => 'raise --max-pages if the document really is that long',
    hintZh: () => '若文档确实这么长，请调大 --max-pages',
  },
  E_INTERRUPTED: {
    en: (p) => `stopped by ${p.signal}; ${p.done} of ${p.total} documents were finished, no partial files were left`,
    zh: (p) => `收到 ${p.signal}，已停止；${p.total} 个文档中完成 ${p.done} 个，未留下不完整的文件`,
  },
  E_WRITE: {
    en: (p) => `cannot write ${p.path}: ${p.reason}`,
    zh: (p) => `无法写入 ${p.path}：${p.reason}`,
    hintEn: () => 'check that the folder exists, is writable and the disk has space; the previous PDF was kept',
    hintZh: () => '请检查文件夹是否存在、可写以及磁盘空间；原有 PDF 已保留',
  },
  E_MISSING_GLYPH: {
    en: (p) => `no bundled or configured font has ${p.char} (${p.codepoint})`,
    zh: (p) => `没有字体包含字符 ${p.char}（${p.codepoint}）`,
    hintEn: () => 'map a role to a font that has it in briefing.config.yaml',
    hintZh: () => '请在 briefing.config.yaml 中为相应角色指定包含该字符的字体',
  },
  E_PREVIEW_LISTEN: {
    en: (p) => `cannot start the preview server on ${p.address}: ${p.reason}`,
    zh: (p) => `无法在 ${p.address} 启动预览服务：${p.reason}`,
    hintEn: (p) => (p.code === 'EADDRINUSE' ? 'another program uses that port: choose another with --port, or leave --port out to take a free one'
      : p.code === 'EACCES' ? 'ports below 1024 need administrator rights: choose a higher one with --port' : 'check --host and --port'),
    hintZh: (p) => (p.code === 'EADDRINUSE' ? '该端口已被其他程序占用：请用 --port 另选端口，或不加 --port 自动选用空闲端口'
      : p.code === 'EACCES' ? '1024 以下的端口需要管理员权限：请用 --port 选用更大的端口号' : '请检查 --host 与 --port'),
  },
} satisfies Record<string, Entry>;

export type ErrorCode = keyof typeof catalogue;

export function formatMessage(code: ErrorCode, params: Params, lang: Lang = 'en'): string {
  const entry: Entry = catalogue[code];
  return (lang === 'zh' ? entry.zh : entry.en)(params);
}

export function formatHint(code: ErrorCode, params: Params, lang: Lang = 'en'): string | undefined {
  const entry: Entry = catalogue[code];
  const hint = lang === 'zh' ? entry.hintZh : entry.hintEn;
  return hint?.(params);
}
