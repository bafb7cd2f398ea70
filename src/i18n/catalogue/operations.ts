import type { CatalogueEntry } from '../types.js';

/** The operator's commands (move, lock, node, maintenance, cleanup, log, simulate): RHA-x5000..5199. */
export const operationsCodes: CatalogueEntry[] = [
  {
    code: 'RHA-E5001',
    en: { title: 'Refused: the group is between states', cause: 'The group is starting or stopping on a node; a move now would race with that operation.', remedy: 'Wait until `roseha status` shows the group active (or stopped), then move it. A group stuck in stopping needs `roseha cleanup GROUP` after its resources are checked.' },
    zh: { title: '已拒绝：任务组正在切换状态', cause: '任务组正在某个节点上启动或停止；此时切换会与该操作冲突。', remedy: '等 `roseha status` 显示该组已运行（或已停止）后再切换。一直停留在 stopping 的组，检查其资源后执行 `roseha cleanup 组名`。' },
  },
  {
    code: 'RHA-E5002',
    en: { title: 'maintenance takes on or off', cause: 'The argument of `roseha maintenance` was neither `on` nor `off`.', remedy: 'Run `roseha maintenance on` or `roseha maintenance off`.' },
    zh: { title: 'maintenance 只接受 on 或 off', cause: '`roseha maintenance` 的参数既不是 `on` 也不是 `off`。', remedy: '执行 `roseha maintenance on` 或 `roseha maintenance off`。' },
  },
  {
    code: 'RHA-E5003',
    en: { title: 'The move failed', cause: 'The target node could not start the group (a resource failed to start, see the step list); roseha rolled back what had started there, and the cluster places the group where it can run.', remedy: 'Read the failed step (`roseha log --since 10m`), fix the resource on the target node, then `roseha cleanup GROUP` and move again.' },
    zh: { title: '切换失败', cause: '目标节点无法启动该任务组（某个资源启动失败，见步骤列表）；roseha 已回滚在该节点上已启动的部分，集群会把任务组放到能运行的节点上。', remedy: '查看失败的步骤（`roseha log --since 10m`），修复目标节点上的资源，然后执行 `roseha cleanup 组名` 再切换。' },
  },
  {
    code: 'RHA-E5004',
    en: { title: 'The move did not finish in time', cause: 'The group was not active on the target node within --wait seconds. The move stays requested: roseha keeps carrying it out.', remedy: 'Follow it with `roseha status` or `roseha log --follow`; a slow step (a disk, a service) shows its time there. Use a longer --wait for slow services.' },
    zh: { title: '切换未在时限内完成', cause: '在 --wait 指定的秒数内，任务组没有在目标节点上运行。切换请求仍然有效：roseha 会继续执行。', remedy: '用 `roseha status` 或 `roseha log --follow` 跟踪；慢的步骤（磁盘、服务）会显示耗时。对启动慢的服务使用更长的 --wait。' },
  },
  {
    code: 'RHA-E5005',
    en: { title: '--wait takes seconds', cause: 'The value of --wait is not a positive number.', remedy: 'Give a number of seconds, e.g. `--wait 300`, or `--no-wait` to return at once.' },
    zh: { title: '--wait 的值应为秒数', cause: '--wait 的值不是正数。', remedy: '给出秒数，例如 `--wait 300`；或用 `--no-wait` 立即返回。' },
  },
  {
    code: 'RHA-E5010',
    en: { title: 'Cannot read the log file', cause: 'The agent\'s log file exists but could not be opened (permissions, a directory in its place).', remedy: 'Run `roseha log` as the user the agent runs as (root / Administrator), or check cluster.log_file.' },
    zh: { title: '无法读取日志文件', cause: '代理的日志文件存在但无法打开（权限不足，或同名的是目录）。', remedy: '以代理的运行用户（root / Administrator）执行 `roseha log`，或检查 cluster.log_file。' },
  },
  {
    code: 'RHA-E5011',
    en: { title: 'Cannot read --since', cause: 'The value is neither a time such as 2026-11-25T08:00:00Z nor a span such as 90s, 15m, 2h or 1d.', remedy: 'Give an ISO 8601 time or a span back from now.' },
    zh: { title: '无法解析 --since', cause: '该值既不是 2026-11-25T08:00:00Z 这样的时间，也不是 90s、15m、2h、1d 这样的时长。', remedy: '给出 ISO 8601 时间，或从现在往前的时长。' },
  },
  {
    code: 'RHA-W5012',
    en: { title: 'The other node\'s log is not reachable', cause: '`roseha log` could not read the peer\'s log through its API (the agent is down, the network is cut, or no API token is at hand); only this node\'s lines are shown.', remedy: 'Check the peer with `roseha status`; give the token with --token or ROSEHA_TOKEN, or run `roseha log` on the peer.' },
    zh: { title: '无法读取对端节点的日志', cause: '`roseha log` 无法通过对端 API 读取其日志（代理未运行、网络中断或缺少 API 令牌）；只显示本节点的日志。', remedy: '用 `roseha status` 检查对端；用 --token 或 ROSEHA_TOKEN 提供令牌，或在对端执行 `roseha log`。' },
  },
  {
    code: 'RHA-E5020',
    en: { title: 'Nothing to simulate', cause: '`roseha simulate` needs a scenario (steps such as `crash node-a`) or --input FILE; or --until is not a number.', remedy: 'For example: `roseha simulate --platform windows crash node-a`. `roseha simulate --help` lists the steps.' },
    zh: { title: '没有可模拟的内容', cause: '`roseha simulate` 需要一个场景（如 `crash node-a` 这样的步骤）或 --input 文件；或 --until 不是数字。', remedy: '例如：`roseha simulate --platform windows crash node-a`。`roseha simulate --help` 列出所有步骤。' },
  },
  {
    code: 'RHA-E5022',
    en: { title: 'The scenario names an unknown node or group', cause: 'A step names a node or group that the config used for the simulation does not have.', remedy: 'Use the names of the config (`roseha config show`), or point --config at the right file.' },
    zh: { title: '场景中有未知的节点或任务组', cause: '某个步骤引用了模拟所用配置中不存在的节点或任务组。', remedy: '使用配置中的名称（`roseha config show`），或用 --config 指定正确的文件。' },
  },
  {
    code: 'RHA-E5023',
    en: { title: 'The simulation found both nodes holding a group', cause: 'In the simulated timeline both nodes held the same group at once: a rule of the decision core let it happen under this scenario.', remedy: 'This is a bug: report it with the scenario and the config (`roseha simulate --json ...` shows the timeline).' },
    zh: { title: '模拟中出现两个节点同时持有任务组', cause: '在模拟的时间线中，两个节点同时持有同一个任务组：决策核心的某条规则在该场景下允许了这种情况。', remedy: '这是程序缺陷：请附上场景和配置报告（`roseha simulate --json ...` 可输出时间线）。' },
  },
  {
    code: 'RHA-E5024',
    en: { title: 'Cannot read the decision ring', cause: 'The --input file is missing, not JSON, or not the shape GET /v1/decisions returns ({"decisions": [{input, memoryBefore, actions}]}).', remedy: 'Save it with `curl --unix-socket /var/lib/roseha/roseha.sock http://x/v1/decisions > ring.json` (or through --host) and pass that file.' },
    zh: { title: '无法读取决策记录', cause: '--input 文件不存在、不是 JSON，或不是 GET /v1/decisions 返回的格式（{"decisions": [{input, memoryBefore, actions}]}）。', remedy: '用 `curl --unix-socket /var/lib/roseha/roseha.sock http://x/v1/decisions > ring.json`（或经由 --host）保存后再传入该文件。' },
  },
  {
    code: 'RHA-E5025',
    en: { title: 'A replayed decision differs', cause: 'decide() run again on a saved input gave other actions than the agent recorded: the agent ran another version of roseha, or the file was edited.', remedy: 'Replay with the same roseha version as the agent (`roseha version` on the node). If the versions match, report it with the file: the core must be deterministic.' },
    zh: { title: '重放的决策结果不同', cause: '对保存的输入重新运行 decide() 得到的动作与代理记录的不同：代理运行的是另一个版本的 roseha，或文件被修改过。', remedy: '使用与代理相同版本的 roseha 重放（在节点上执行 `roseha version`）。若版本相同，请附上该文件报告：决策核心必须是确定性的。' },
  },
];
