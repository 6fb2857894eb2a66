import { text } from '@flowdesk/model';
import { startServer } from '../../boot/start-server.ts';
import { loadRuntimeOptions } from '../../config/runtime-config.ts';
import { ConfigError, loadServerConfig } from '../../config/server-config.ts';
import { createLogger } from '../../logging/logger.ts';
import { type CliCommand, EXIT } from './command.types.ts';

/** `flowdesk serve`: the API, the web app and the workers in one process until SIGINT/SIGTERM. */
export const serveCommand: CliCommand = {
  name: 'serve',
  usage: 'serve [--smtp-port <port>]',
  summary: text('启动服务（端口取自 PORT，默认 3000）', 'Start the server (port from PORT, default 3000)'),
  options: { 'smtp-port': { type: 'string' } },
  optionHelp: {
    'smtp-port': text(
      '在此端口接收邮件（SMTP，默认仅本机）；FLOWDESK_SMTP_LISTEN_PORT 优先。npm start 使用 2525',
      'Take inbound email over SMTP on this port (loopback by default); FLOWDESK_SMTP_LISTEN_PORT wins. npm start uses 2525',
    ),
  },
  exitCodes: [
    [EXIT.ok, text('收到停止信号后正常退出', 'Stopped cleanly after a stop signal')],
    [
      EXIT.unusable,
      text(
        '配置有误，或端口已被占用、无权使用',
        'The configuration is invalid, or a port is taken or not allowed',
      ),
    ],
  ],
  async run(input, context) {
    let running: Awaited<ReturnType<typeof startServer>>;
    try {
      const config = loadServerConfig(process.env);
      const log = createLogger(config.logLevel);
      // The flag is a default (npm start sets it); the environment still decides.
      const smtpPort = input.values['smtp-port'];
      const env =
        typeof smtpPort === 'string' ? { FLOWDESK_SMTP_LISTEN_PORT: smtpPort, ...process.env } : process.env;
      running = await startServer(config, loadRuntimeOptions(env), log);
    } catch (error) {
      if (error instanceof ConfigError) {
        context.io.stderr(`${error.message}\n`);
        return EXIT.unusable;
      }
      const port = portProblem(error);
      if (port) {
        context.io.stderr(`${port[context.locale]}\n`);
        return EXIT.unusable;
      }
      throw error;
    }
    context.io.stdout(
      `${text(`FlowDesk 已启动：${running.url}`, `FlowDesk is running at ${running.url}`)[context.locale]}\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await running.close();
    return EXIT.ok;
  },
};

/** A port the server or the mail listener cannot take is the operator's to fix, not a bug: say which and what to do. */
function portProblem(error: unknown) {
  if (!(error instanceof Error) || !('code' in error)) return undefined;
  const { address, port } = error as NodeJS.ErrnoException & { address?: string; port?: number };
  const where = port === undefined ? '' : `${address ?? ''}:${port}`;
  if (error.code === 'EADDRINUSE') {
    return text(
      `端口 ${where} 已被其他程序占用；请停止该程序，或用 PORT（邮件用 FLOWDESK_SMTP_LISTEN_PORT）换一个端口`,
      `Port ${where} is already in use; stop the program using it, or choose another port with PORT (FLOWDESK_SMTP_LISTEN_PORT for mail)`,
    );
  }
  if (error.code === 'EACCES') {
    return text(
      `没有权限使用端口 ${where}；请使用 1024 以上的端口，或以有权限的账号运行`,
      `Not allowed to use port ${where}; use a port above 1024 or run with an account that may`,
    );
  }
  return undefined;
}
