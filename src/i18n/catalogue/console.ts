// Codes of src/console: the web console served by the agent (RHA-E6000…RHA-E6499).
import type { CatalogueEntry } from '../types.js';

export const consoleCodes: CatalogueEntry[] = [
  {
    code: 'RHA-E6001',
    en: {
      title: 'The console asked for codes in a wrong form',
      cause: 'GET /v1/catalogue takes `codes`: up to 64 codes such as RHA-E1001, separated by commas; something else was given.',
      remedy: 'Reload the console page (an old page may be cached); a script calling the route must send codes in that form.',
    },
    zh: {
      title: '监控台请求的代码格式错误',
      cause: 'GET /v1/catalogue 的 `codes` 参数应为最多 64 个以逗号分隔的代码（如 RHA-E1001），实际给出的不是这种格式。',
      remedy: '重新加载监控台页面（旧页面可能被缓存）；调用该接口的脚本须按此格式发送代码。',
    },
  },
];
