import type { Lang } from '../errors/catalogue.js';

/** What the CLI says when things go right, in both languages. Errors live in errors/catalogue. */
const text = {
  built: {
    en: (p: { out: string; pages: number; kb: number; ms: number }) => `built ${p.out} (${p.pages} pages, ${p.kb} KB) in ${(p.ms / 1000).toFixed(2)} s`,
    zh: (p: { out: string; pages: number; kb: number; ms: number }) => `已生成 ${p.out}（${p.pages} 页，${p.kb} KB），用时 ${(p.ms / 1000).toFixed(2)} 秒`,
  },
  skipped: {
    en: (p: { out: string }) => `skipped ${p.out} (inputs unchanged)`,
    zh: (p: { out: string }) => `跳过 ${p.out}（输入未变）`,
  },
  batch: {
    en: (p: { built: number; pages: number; s: string; failed: number; skipped: number; notRun: number }) =>
      `built ${p.built} PDF${p.built === 1 ? '' : 's'} (${p.pages} pages) in ${p.s} s${p.skipped ? `, ${p.skipped} skipped` : ''}${p.failed ? `, ${p.failed} failed` : ''}${p.notRun ? `, ${p.notRun} not run` : ''}`,
    zh: (p: { built: number; pages: number; s: string; failed: number; skipped: number; notRun: number }) =>
      `已生成 ${p.built} 个 PDF（共 ${p.pages} 页），用时 ${p.s} 秒${p.skipped ? `，跳过 ${p.skipped} 个` : ''}${p.failed ? `，失败 ${p.failed} 个` : ''}${p.notRun ? `，未运行 ${p.notRun} 个` : ''}`,
  },
  emptyShard: {
    en: (p: { shard: string; total: number }) => `shard ${p.shard} has no documents (${p.total} in all); nothing to build`,
    zh: (p: { shard: string; total: number }) => `分片 ${p.shard} 中没有文档（共 ${p.total} 个）；无需生成`,
  },
  plan: {
    en: (p: { out: string; input: string; why: string }) => `would build ${p.out} from ${p.input} (${p.why})`,
    zh: (p: { out: string; input: string; why: string }) => `将由 ${p.input} 生成 ${p.out}（${p.why}）`,
  },
  valid: {
    en: (p: { file: string }) => `${p.file}: valid`,
    zh: (p: { file: string }) => `${p.file}：校验通过`,
  },
  summary: {
    en: (p: { ok: number; failed: number }) => `${p.ok} succeeded, ${p.failed} failed`,
    zh: (p: { ok: number; failed: number }) => `成功 ${p.ok} 个，失败 ${p.failed} 个`,
  },
  internal: {
    en: (p: { message: string }) => `internal error: ${p.message}\nThis is a bug in briefing, not in your files; run with --verbose for details and report it.`,
    zh: (p: { message: string }) => `内部错误：${p.message}\n这是 briefing 的缺陷，并非您的文件有误；请使用 --verbose 查看详情并报告。`,
  },
  previewAt: {
    en: (p: { url: string }) => `preview at ${p.url} (Ctrl+C to stop)`,
    zh: (p: { url: string }) => `预览地址：${p.url}（按 Ctrl+C 退出）`,
  },
  previewDocuments: {
    en: (p: { count: number }) => `${p.count} documents to choose from on the page`,
    zh: (p: { count: number }) => `页面上可选择 ${p.count} 个文档`,
  },
  openFailed: {
    en: (p: { reason: string }) => `could not open a browser (${p.reason}); open the address above by hand`,
    zh: (p: { reason: string }) => `无法打开浏览器（${p.reason}），请手动打开上面的地址`,
  },
} as const;

export function say<K extends keyof typeof text>(key: K, lang: Lang, params: Parameters<(typeof text)[K]['en']>[0]): string {
  return (text[key][lang] as (p: typeof params) => string)(params);
}
