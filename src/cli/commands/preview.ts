import type { Sink } from '../output-sink.js';
import { displayPath, formatError } from '../report-error.js';
import { say } from '../messages.js';
import { BriefingError } from '../../errors/briefing-error.js';
import type { Lang } from '../../errors/catalogue.js';
import { errnoReason } from '../../errors/errno.js';
import { usageError } from '../../errors/usage.js';
import { briefingVersion } from '../../host/package-files.js';
import { planBuilds } from '../../orchestrate/plan-builds.js';
import { loadConfig } from '../../project/load-config.js';
import { findProjectRoot } from '../../project/project-root.js';
import { PreviewSession, type Presenter, type PreviewDocument } from '../../preview/preview-session.js';
import { startPreviewServer, type RunningServer } from '../../preview/preview-server.js';
import type { ProblemView } from '../../preview/protocol.js';
import { webAssets } from '../../preview/web-assets.js';

export interface PreviewFlags {
  template?: string;
  output?: string;
  strict?: boolean;
  port?: string;
  host?: string;
  open?: boolean;
}

/** Loopback unless the user names another interface. */
const DEFAULT_HOST = '127.0.0.1';

/**
 * `briefing preview`: build the documents as `build` would, serve a page that shows them and
 * follows every save, until Ctrl+C (exit 0). `pageLang` is --lang, else Chinese.
 */
export async function runPreview(paths: string[], flags: PreviewFlags, sink: Sink, pageLang: Lang): Promise<number> {
  const cwd = process.cwd();
  let documents: PreviewDocument[];
  let configFile: string | undefined;
  let port: number;
  try {
    const project = findProjectRoot(cwd);
    configFile = project.configFile;
    port = parsePort(flags.port);
    const plan = planBuilds({ paths, cwd, root: project.root, config: loadConfig(configFile), template: flags.template, output: flags.output });
    if (!plan.length) throw usageError(`no data file matches ${paths.join(' ')}`, `没有与 ${paths.join(' ')} 匹配的数据文件`);
    if (plan.some((p) => p.fromStdin)) {
      throw usageError('preview rebuilds from files on every save; it cannot read data from standard input (-)', 'preview 在每次保存时按文件重新生成，不能从标准输入（-）读取数据',
        'save the data to a file and preview that', '请把数据保存为文件后再预览');
    }
    documents = plan.map((p, i) => ({
      id: String(i + 1),
      label: displayPath(p.dataFile),
      request: { dataFile: p.dataFile, template: p.template, output: p.output, fonts: p.fonts, strict: flags.strict, cwd },
    }));
  } catch (e) {
    sink.fail(e);
    return e instanceof BriefingError && e.code === 'E_USAGE' ? 2 : 1;
  }

  const session = new PreviewSession({ documents, configFile, present: presenter(sink, pageLang) });
  const host = flags.host ?? DEFAULT_HOST;
  let server: RunningServer;
  try {
    server = await startPreviewServer({
      host,
      port,
      session,
      assets: webAssets(),
      displayPath: (f) => displayPath(f),
      info: { lang: pageLang, version: briefingVersion(), documents: documents.map(({ id, label }) => ({ id, label })) },
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    await session.close();
    return sink.fail(new BriefingError('E_PREVIEW_LISTEN', { address: `${host}:${port}`, ...errnoReason(err), code: err.code ?? '' }));
  }
  session.warm(documents[0]!.id);
  // The address is what this command is for: printed even with --quiet.
  sink.out.write(`${say('previewAt', sink.lang, { url: server.url })}\n`);
  if (documents.length > 1) sink.info(say('previewDocuments', sink.lang, { count: documents.length }));
  if (flags.open) await openBrowser(server.url, sink);

  await new Promise<void>((stop) => {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await session.close();
  return 0;
}

function presenter(sink: Sink, lang: Lang): Presenter {
  return {
    path: (file) => displayPath(file),
    problem(e, severity): ProblemView {
      if (e instanceof BriefingError) {
        const { file, line, column, dataPath } = e.location;
        return { code: e.code, severity, message: e.messageIn(lang), hint: e.hintIn(lang), file: file && displayPath(file), line, column, dataPath, text: formatError(e, lang, severity) };
      }
      const message = e instanceof Error ? e.message : String(e);
      return { code: 'internal', severity, message, text: say('internal', lang, { message }) };
    },
    built(_doc, outcome) {
      if ('error' in outcome) {
        sink.fail(outcome.error);
        return;
      }
      const r = outcome.result;
      for (const w of r.warnings) sink.warning(w);
      sink.info(say('built', sink.lang, { out: displayPath(r.output), pages: r.pages, kb: Math.round(r.bytes / 1024), ms: r.ms }));
    },
  };
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw usageError(`--port takes a port number from 1 to 65535 (0 for a free one), not "${value}"`, `--port 应为 1 到 65535 的端口号（0 表示自动选用空闲端口），而不是“${value}”`);
  }
  return n;
}

/** The system's default browser (open: xdg-open, open, start). Failing to is a note, not an error. */
async function openBrowser(url: string, sink: Sink): Promise<void> {
  try {
    const { default: open } = await import('open');
    const child = await open(url);
    child.on('error', (e) => sink.warn(say('openFailed', sink.lang, { reason: reasonIn(e, sink.lang) })));
    child.unref();
  } catch (e) {
    sink.warn(say('openFailed', sink.lang, { reason: reasonIn(e, sink.lang) }));
  }
}

function reasonIn(e: unknown, lang: Lang): string {
  const { reason, reasonZh } = errnoReason(e);
  return lang === 'zh' ? reasonZh : reason;
}
