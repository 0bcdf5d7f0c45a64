import { KIND_NAMES, NOT_A_FILE_NAMES, type FileKind, type NotAFile } from '../host/file-kinds.js';

/**
 * Every user-facing message, keyed by a stable code. Messages are built from the code and its
 * parameters here and nowhere else, so a second language is a second column, not a rewrite.
 *
 * A parameter that is itself a sentence (a `reason`, a `detail`) comes with its Chinese twin under
 * the same name plus `Zh` (`reason` / `reasonZh`): Chinese text is built with the twins in place of
 * the originals, so an entry's zh column simply writes `${p.reason}`. Chinese messages use
 * full-width punctuation (：，；（）“”).
 */
export type Lang = 'en' | 'zh';

type Params = Record<string, string | number>;
type Text = (p: Params) => string;
type MaybeText = (p: Params) => string | undefined;

interface Entry {
  en: Text;
  zh: Text;
  hintEn?: MaybeText;
  hintZh?: MaybeText;
}

const kindEn = (k: unknown): string => KIND_NAMES[k as FileKind]?.en ?? 'file';
const kindZh = (k: unknown): string => KIND_NAMES[k as FileKind]?.zh ?? '文件';
const notFileEn = (w: unknown): string => NOT_A_FILE_NAMES[w as NotAFile]?.en ?? NOT_A_FILE_NAMES.other.en;
const notFileZh = (w: unknown): string => NOT_A_FILE_NAMES[w as NotAFile]?.zh ?? NOT_A_FILE_NAMES.other.zh;

export const catalogue = {
  E_USAGE: {
    en: (p) => `${p.detail}`,
    zh: (p) => `${p.detail}`,
    hintEn: (p) => (p.hint === undefined ? undefined : `${p.hint}`),
    hintZh: (p) => (p.hint === undefined ? undefined : `${p.hint}`),
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
    hintEn: (p) => (p.hint === undefined ? undefined : `${p.hint}`),
    hintZh: (p) => (p.hint === undefined ? undefined : `${p.hint}`),
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
  E_IMAGE_ALT: {
    en: (p) => `the picture ${p.path} has no alt text, so a tagged PDF cannot describe it to a reader who cannot see it`,
    zh: (p) => `图片 ${p.path} 没有替代文字，带标签的 PDF 无法向看不见它的读者说明图片内容`,
    hintEn: () => 'say in a few words what it shows: alt="…" on its <img> in the template, usually from the data',
    hintZh: () => '请用几句话说明图片内容：在模板的 <img> 上写 alt="…"（通常取自数据）',
  },
  E_TEMPLATE_NOT_FOUND: {
    en: (p) => `unknown template "${p.name}"`,
    zh: (p) => `未知的模板“${p.name}”`,
    hintEn: (p) => `${p.suggestion ?? ''}available templates: ${p.available}`,
    hintZh: (p) => `${p.suggestion ?? ''}可用的模板：${p.available}`,
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
    hintEn: (p) => `${p.suggestion ?? ''}partials live in partials/<name>.hbs; known: ${p.known}`,
    hintZh: (p) => `${p.suggestion ?? ''}片段应位于 partials/<名称>.hbs；现有：${p.known || '无'}`,
  },
  E_HELPER_MISSING: {
    en: (p) => `the template calls helper "${p.name}", which does not exist`,
    zh: (p) => `模板调用的辅助函数“${p.name}”不存在`,
    hintEn: (p) => `${p.suggestion ?? ''}known helpers: ${p.known}`,
    hintZh: (p) => `${p.suggestion ?? ''}现有辅助函数：${p.known}`,
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
    hintEn: (p) => `${p.suggestion ?? ''}it takes: ${p.known}`,
    hintZh: (p) => `${p.suggestion ?? ''}可用属性：${p.known}`,
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
    hintEn: (p) => (p.hint === undefined ? undefined : `${p.hint}`),
    hintZh: (p) => (p.hint === undefined ? undefined : `${p.hint}`),
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
    hintEn: (p) => (p.hint === undefined ? undefined : `${p.hint}`),
    hintZh: (p) => (p.hint === undefined ? undefined : `${p.hint}`),
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
  E_SOURCE_DATE_EPOCH: {
    en: (p) => `SOURCE_DATE_EPOCH="${p.value}" is not a whole number of seconds since 1970 and is ignored`,
    zh: (p) => `SOURCE_DATE_EPOCH="${p.value}" 不是自 1970 年起的整秒数，已忽略`,
    hintEn: () => 'set it to a Unix time such as the last commit\'s: SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)',
    hintZh: () => '请设为 Unix 时间，例如最近一次提交的时间：SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)',
  },
  E_TABLE_TOO_WIDE: {
    en: (p) => `a table of ${p.columns} columns needs ${p.need} pt, but the page has ${p.width} pt`,
    zh: (p) => `表格共 ${p.columns} 列，至少需要 ${p.need} 磅宽，而版心只有 ${p.width} 磅`,
    hintEn: () => 'split the table, drop columns, set a smaller size for th/td in style.yaml, or use a landscape page (page.size)',
    hintZh: () => '请拆分表格、减少列数，在 style.yaml 中调小 th/td 的字号，或改用横向页面（page.size）',
  },
  E_CELL_TOO_LONG: {
    en: (p) => `a table cell would run over ${p.pages} pages (at most ${p.max}): "${p.text}"`,
    zh: (p) => `一个表格单元格将跨越 ${p.pages} 页（最多 ${p.max} 页）：“${p.text}”`,
    hintEn: () => 'a CSV field whose closing quote is missing takes in the rows after it; check the quotes, or put long text in a paragraph',
    hintZh: () => 'CSV 中某字段缺少结束引号时会吞并其后各行，请检查引号；长段文字请改写为正文段落',
  },
  E_CONTENT_LOST: {
    en: (p) => `${p.what} did not make it onto the page in full: "${p.text}"`,
    zh: (p) => `${p.whatZh}未能完整排入页面：“${p.text}”`,
    hintEn: () => 'shorten the text or widen its column; no PDF was written so nothing is lost silently',
    hintZh: () => '请缩短该文字或加宽所在栏；为避免内容悄悄丢失，未生成 PDF',
  },
  E_PAPER_TOO_SMALL: {
    en: (p) => `the text block of this template does not fit on ${p.paper}: a margin would be ${p.margin} mm, less than ${p.min} mm (type area rule "${p.rule}", designed for ${p.design})`,
    zh: (p) => `本模板的版心放不下 ${p.paper} 纸：页边距将只有 ${p.margin} 毫米，小于 ${p.min} 毫米（版心规则“${p.rule}”，原设计纸张 ${p.design}）`,
    hintEn: (p) => (p.rule === 'fixed' ? 'choose a larger paper, or set page.typeArea: scale in the style to shrink the block with the paper' : 'choose a larger paper'),
    hintZh: (p) => (p.rule === 'fixed' ? '请选用更大的纸张，或在样式中设置 page.typeArea: scale，让版心随纸张缩放' : '请选用更大的纸张'),
  },
  E_OUTPUT_PROFILE: {
    en: (p) => `the colour profile cannot be used: ${p.reason}`,
    zh: (p) => `该色彩特性文件（ICC）无法使用：${p.reason}`,
    hintEn: () => 'ask the print shop for its CMYK output profile (.icc), or leave it out to use the bundled coated-paper profile',
    hintZh: () => '请向印刷厂索取其 CMYK 输出特性文件（.icc），或不指定以使用内置的铜版纸特性文件',
  },
  E_RGB_IMAGE: {
    en: (p) => `the image ${p.path} is ${p.model}, and a CMYK print file cannot take it as it is`,
    zh: (p) => `图片 ${p.path} 为 ${p.model} 色彩，CMYK 印刷文件不能直接使用`,
    hintEn: () => 'convert it to CMYK with the print shop\'s profile (or save it as PNG, which briefing converts), or build without --color cmyk',
    hintZh: () => '请用印刷厂的特性文件将其转为 CMYK（或另存为 PNG，由 briefing 转换），或去掉 --color cmyk',
  },
  // The file gate (src/host/) and the budgets checked before work: issue 14.
  E_NOT_A_FILE: {
    en: (p) => `${kindEn(p.kind)} "${p.path}" is ${notFileEn(p.what)}, not a regular file`,
    zh: (p) => `${kindZh(p.kind)}“${p.path}”是${notFileZh(p.what)}，不是普通文件`,
    hintEn: () => 'name an ordinary file; briefing never reads folders, pipes or devices',
    hintZh: () => '请指定普通文件；briefing 不读取文件夹、管道或设备',
  },
  E_FILE_TOO_LARGE: {
    en: (p) => `${kindEn(p.kind)} "${p.path}" is ${p.size} MB, more than the ${p.limit} MB briefing reads for one`,
    zh: (p) => `${kindZh(p.kind)}“${p.path}”大小为 ${p.size} MB，超过 briefing 对此类文件的上限 ${p.limit} MB`,
    hintEn: () => 'check that this is the file you meant; split very large data or tables into several files',
    hintZh: () => '请确认文件是否正确；过大的数据或表格请拆分为多个文件',
  },
  E_TEMPLATE_OUTSIDE: {
    en: (p) => `template folder "${p.path}" lies outside the project folder ${p.root} and briefing's own templates`,
    zh: (p) => `模板文件夹“${p.path}”既不在项目文件夹 ${p.root} 之内，也不是 briefing 自带的模板`,
    hintEn: () => "copy the template into the project's templates/ folder, or name it yourself with -t",
    hintZh: () => '请把模板复制到项目的 templates/ 文件夹，或在命令行用 -t 指定',
  },
  E_TEMPLATE_FILE_OUTSIDE: {
    en: (p) => `${kindEn(p.kind)} "${p.path}" of the template lies outside ${p.root}`,
    zh: (p) => `模板的${kindZh(p.kind)}“${p.path}”位于 ${p.root} 之外`,
    hintEn: () => "keep a template's files inside the project or the template folder; a symbolic link must not lead out of it",
    hintZh: () => '模板的文件须位于项目或模板文件夹之内；符号链接不得指向其外',
  },
  E_OUTPUT_NOT_FILE: {
    en: (p) => `cannot write ${p.path}: it is ${notFileEn(p.what)}; briefing writes only to a regular file or a new path`,
    zh: (p) => `无法写入 ${p.path}：它是${notFileZh(p.what)}；briefing 只写入普通文件或新路径`,
    hintEn: () => 'choose another output path with -o',
    hintZh: () => '请用 -o 指定其他输出路径',
  },
  E_OUTPUT_OUTSIDE: {
    en: (p) => `the output "${p.path}" made from the config's pattern "${p.pattern}" lies outside the project folder ${p.root}`,
    zh: (p) => `按配置中的模式“${p.pattern}”得到的输出“${p.path}”位于项目文件夹 ${p.root} 之外`,
    hintEn: () => 'a job\'s output must stay inside the project (e.g. output/{stem}.pdf); to write elsewhere, pass -o yourself',
    hintZh: () => '任务的输出须位于项目之内（如 output/{stem}.pdf）；如需写到别处，请自行用 -o 指定',
  },
  E_OUTPUT_NOT_PDF: {
    en: (p) => `the output "${p.path}" made from the config's pattern "${p.pattern}" does not end in .pdf`,
    zh: (p) => `按配置中的模式“${p.pattern}”得到的输出“${p.path}”不以 .pdf 结尾`,
    hintEn: () => 'end the job\'s output pattern in .pdf, e.g. output/{stem}.pdf',
    hintZh: () => '请让任务的输出模式以 .pdf 结尾，如 output/{stem}.pdf',
  },
  E_OUTPUT_COLLISION: {
    en: (p) => `${p.first} and ${p.second} would both be written to ${p.path}; nothing was built`,
    zh: (p) => `${p.first} 与 ${p.second} 将写入同一个文件 ${p.path}；未生成任何文件`,
    hintEn: () => 'give each document its own output: put {stem} in the pattern, or build them one at a time with -o',
    hintZh: () => '请为每个文档指定不同的输出：在模式中使用 {stem}，或逐个用 -o 生成',
  },
  E_IMAGE_TOO_LARGE: {
    en: (p) => `image ${p.path} is ${p.width} × ${p.height} pixels (${p.decoded} MB once decoded), more than briefing embeds (${p.limit} megapixels; a PNG ${p.limitDecoded} MB decoded)`,
    zh: (p) => `图片 ${p.path} 为 ${p.width} × ${p.height} 像素（解码后 ${p.decoded} MB），超出 briefing 可嵌入的上限（${p.limit} 百万像素；PNG 解码后 ${p.limitDecoded} MB）`,
    hintEn: () => 'scale the picture down; 3000 pixels on the long side prints sharply on a full A4 page',
    hintZh: () => '请缩小图片；长边 3000 像素即可在整页 A4 上清晰印刷',
  },
  E_IMAGE_DAMAGED: {
    en: (p) => `image ${p.path} is damaged: ${p.reason}`,
    zh: (p) => `图片 ${p.path} 已损坏：${p.reason}`,
    hintEn: () => 'open the picture in an image editor and save it again, or export it anew',
    hintZh: () => '请用图片编辑软件打开后重新保存，或重新导出',
  },
  E_DATA_EXPANSION: {
    en: (p) => `the data's aliases (*name) expand to more than ${p.limit} characters beyond the file's own ${p.size}`,
    zh: (p) => `数据中的别名（*名称）展开后比文件本身的 ${p.size} 个字符多出 ${p.limit} 个以上`,
    hintEn: () => 'write long repeated text once and let the template repeat it, or use fewer aliases',
    hintZh: () => '较长的重复文字请只写一次，由模板重复使用；或减少别名',
  },
  E_DATA_NUMBER: {
    en: (p) => `${p.path} is ${p.value} (${p.value === '.nan' ? 'not a number' : 'infinite, or a figure too large for a number'}), which cannot be printed as a figure`,
    zh: (p) => `${p.path} 的值为 ${p.value}（${p.value === '.nan' ? '非数字' : '无穷大，或超出数字范围'}），无法作为数字印出`,
    hintEn: () => 'write the figure itself (.nan and .inf are not figures); quote it to print it as text',
    hintZh: () => '请填写具体数字（.nan、.inf 不是数字）；如需原样印出，请加引号作为文字',
  },
  E_CSV_TOO_LARGE: {
    en: (p) => `the CSV file has more than ${p.limit} ${p.what === 'cells' ? 'cells' : 'rows'}, more than briefing sets in one table`,
    zh: (p) => `CSV 文件超过 ${p.limit} ${p.what === 'cells' ? '个单元格' : '行'}，超出 briefing 单个表格的上限`,
    hintEn: () => 'summarise the table, or split it into several tables',
    hintZh: () => '请汇总表格，或拆分为几个表格',
  },
  E_COPIES_MAX_PAGES: {
    en: (p) => `${p.copies} copies of ${p.pages} page${p.pages === 1 ? '' : 's'} each make ${p.total} pages, more than the limit of ${p.max}`,
    zh: (p) => `${p.copies} 份、每份 ${p.pages} 页，共 ${p.total} 页，超过上限 ${p.max} 页`,
    hintEn: () => 'raise --max-pages, or leave out --combine to write one PDF per copy',
    hintZh: () => '请调大 --max-pages，或去掉 --combine 改为每份一个 PDF',
  },
  E_FONT_FILE_TYPE: {
    en: (p) => `font file for role "${p.role}" must be a .ttf, .otf, .ttc or .otc file: ${p.path}`,
    zh: (p) => `字体角色“${p.role}”的字体文件须为 .ttf、.otf、.ttc 或 .otc 文件：${p.path}`,
    hintEn: () => 'check the fonts section of briefing.config.yaml',
    hintZh: () => '请检查 briefing.config.yaml 的 fonts 部分',
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
  return lang === 'zh' ? entry.zh(inChinese(params)) : entry.en(params);
}

export function formatHint(code: ErrorCode, params: Params, lang: Lang = 'en'): string | undefined {
  const entry: Entry = catalogue[code];
  return lang === 'zh' ? entry.hintZh?.(inChinese(params)) || undefined : entry.hintEn?.(params) || undefined;
}

/** The parameters with each `xZh` twin in place of `x`. */
function inChinese(params: Params): Params {
  // No twins: the parameters as they are (also a test's proxy that answers every name).
  if (!Object.keys(params).some((key) => key.endsWith('Zh') && key.length > 2)) return params;
  const out: Params = { ...params };
  for (const [key, value] of Object.entries(params)) if (key.endsWith('Zh') && key.length > 2) out[key.slice(0, -2)] = value;
  return out;
}
