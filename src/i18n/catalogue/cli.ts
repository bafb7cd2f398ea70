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
    code: 'RHA-E1012',
    en: { title: 'The file exists already', cause: '`roseha config init` never replaces an existing config file on its own.', remedy: 'Choose another file name, or add --force to replace the file (the old one is not kept: copy it first if you need it).' },
    zh: { title: '文件已存在', cause: '`roseha config init` 不会自行覆盖已有的配置文件。', remedy: '换一个文件名，或加 --force 覆盖（旧文件不会保留，如需要请先备份）。' },
  },
  {
    code: 'RHA-E1013',
    en: { title: 'Required values missing in a batch job', cause: '`roseha config init` was not run on a terminal, so it cannot ask, and a value without default was not given as a flag.', remedy: 'Give the flags named in the message (--cluster-name, --node-a, --node-b), or run it on a terminal to be asked.' },
    zh: { title: '批处理模式下缺少必需的值', cause: '`roseha config init` 不在终端中运行，无法提问，且某个没有默认值的值未通过参数给出。', remedy: '提供消息中列出的参数（--cluster-name、--node-a、--node-b），或在终端中运行以交互方式回答。' },
  },
  {
    code: 'RHA-E1014',
    en: { title: 'Malformed option value', cause: 'An option\'s value is not in the expected form, such as --node-a without NAME=PRIVATE,PUBLIC or an address that is not IPv4.', remedy: 'Write the value as the message shows; `roseha COMMAND --help` lists the forms.' },
    zh: { title: '选项值格式错误', cause: '选项值不符合要求的格式，例如 --node-a 未写成 名称=私有地址,公共地址，或地址不是 IPv4。', remedy: '按消息所示格式填写；`roseha 命令 --help` 列出了各选项的格式。' },
  },
  {
    code: 'RHA-E1015',
    en: { title: 'Unknown help topic', cause: '`roseha help` was given a word that is neither a help topic nor a command.', remedy: 'Run `roseha help` to list the topics and commands.' },
    zh: { title: '未知的帮助主题', cause: '传给 `roseha help` 的词既不是帮助主题也不是命令。', remedy: '运行 `roseha help` 查看所有主题和命令。' },
  },
  {
    code: 'RHA-E1099',
    en: { title: 'Internal error', cause: 'roseha hit a condition it does not handle: this is a bug.', remedy: 'Run again with ROSEHA_DEBUG=1 to see the stack trace, and report it with the command you ran.' },
    zh: { title: '内部错误', cause: 'roseha 遇到了未处理的情况：这是一个缺陷。', remedy: '设置 ROSEHA_DEBUG=1 后重新运行以查看堆栈，并连同所运行的命令一起报告。' },
  },
];
