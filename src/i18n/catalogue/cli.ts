import type { CatalogueEntry } from '../types.js';

export const cliCodes: CatalogueEntry[] = [
  {
    code: 'RHA-E1000',
    en: { title: 'The roseha build is missing', cause: 'dist/ was not built: `npm ci` runs the build, a plain copy of the sources does not.', remedy: 'Run `npm run build` in the roseha folder, or reinstall with `npm ci`.' },
    zh: { title: 'roseha 尚未构建', cause: 'dist/ 目录不存在：`npm ci` 会自动构建，直接复制源代码不会。', remedy: '在 roseha 目录运行 `npm run build`，或用 `npm ci` 重新安装。' },
  },
  {
    code: 'RHA-E1010',
    en: { title: 'Wrong command line', cause: 'An unknown command or option, a missing argument, or a value that is not allowed.', remedy: 'Run `roseha --help` or `roseha COMMAND --help` for the usage.' },
    zh: { title: '命令行有误', cause: '未知的命令或选项、缺少参数，或参数值不被允许。', remedy: '运行 `roseha --help` 或 `roseha 命令 --help` 查看用法。' },
  },
  {
    code: 'RHA-E1011',
    en: { title: 'Unknown error code', cause: 'The code given to `roseha explain` is not in the catalogue.', remedy: 'Check the spelling: codes look like RHA-E1001 (errors), RHA-W1001 (warnings) or RHA-I2001 (events).' },
    zh: { title: '未知的错误代码', cause: '传给 `roseha explain` 的代码不在目录中。', remedy: '检查拼写：代码形如 RHA-E1001（错误）、RHA-W1001（警告）或 RHA-I2001（事件）。' },
  },
  {
    code: 'RHA-E1099',
    en: { title: 'Internal error', cause: 'roseha hit a condition it does not handle: this is a bug.', remedy: 'Run again with ROSEHA_DEBUG=1 to see the stack trace, and report it with the command you ran.' },
    zh: { title: '内部错误', cause: 'roseha 遇到了未处理的情况：这是一个缺陷。', remedy: '设置 ROSEHA_DEBUG=1 后重新运行以查看堆栈，并连同所运行的命令一起报告。' },
  },
];
