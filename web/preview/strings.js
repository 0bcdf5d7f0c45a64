// @ts-check
/** The page's words in both languages; the server says which (--lang, else Chinese). */

const zh = {
  title: 'briefing 预览',
  document: '文档',
  pages: (/** @type {number} */ n) => `共 ${n} 页`,
  took: (/** @type {number} */ ms) => `用时 ${(ms / 1000).toFixed(2)} 秒`,
  builtAt: (/** @type {string} */ time) => `${time} 生成`,
  building: '正在生成…',
  firstBuild: '正在生成…',
  disconnected: '与预览服务的连接已断开，正在重新连接…',
  overlayTitle: '生成失败，下面仍是上一次成功生成的页面',
  overlayNoPages: '生成失败，还没有可显示的页面',
  overlayHint: '修改后保存文件，页面会自动更新。',
  thumbs: '页面',
  page: (/** @type {number} */ n) => `第 ${n} 页`,
  sourceTitle: '来源',
  sourceHelp: '点击页面上的段落、表格单元格或标题，查看它来自哪个文件的哪一行、哪个数据路径。',
  sourceNone: '没有找到这段文字的来源：它既不在数据文件中，也不是模板里写明的文字（例如页码、自动编号）。',
  sourceAsking: '正在查找…',
  kind: { data: '数据文件', table: '表格（CSV）', markdown: 'Markdown 文件', template: '模板' },
  dataPath: '数据路径',
  alsoAt: '同样的文字还出现在：',
  warningsTitle: '缺字与警告',
  noWarnings: '没有警告。',
  output: '输出',
};

/** @type {typeof zh} */
const en = {
  title: 'briefing preview',
  document: 'Document',
  pages: (n) => `${n} pages`,
  took: (ms) => `built in ${(ms / 1000).toFixed(2)} s`,
  builtAt: (time) => `at ${time}`,
  building: 'Building…',
  firstBuild: 'Building…',
  disconnected: 'Lost the connection to the preview server; reconnecting…',
  overlayTitle: 'The build failed; the pages below are from the last good build',
  overlayNoPages: 'The build failed; there are no pages to show yet',
  overlayHint: 'Fix it and save the file: the page updates by itself.',
  thumbs: 'Pages',
  page: (n) => `Page ${n}`,
  sourceTitle: 'Source',
  sourceHelp: 'Click a paragraph, table cell or heading on the page to see the file, line and data path it came from.',
  sourceNone: 'No source found: this text is neither in the data files nor written out in the template (a page number, an automatic number).',
  sourceAsking: 'Looking…',
  kind: { data: 'data file', table: 'table (CSV)', markdown: 'Markdown file', template: 'template' },
  dataPath: 'data path',
  alsoAt: 'The same text is also at:',
  warningsTitle: 'Missing glyphs and warnings',
  noWarnings: 'No warnings.',
  output: 'Output',
};

/** @param {'zh' | 'en'} lang */
export function strings(lang) {
  return lang === 'en' ? en : zh;
}

/** @typedef {typeof zh} Strings */
