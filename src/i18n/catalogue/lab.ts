// Codes of src/lab: the two-node lab, its faults and the failover benchmark (RHA-E4001…, RHA-W4001…).
import type { CatalogueEntry } from '../types.js';

export const labCodes: CatalogueEntry[] = [
  {
    code: 'RHA-E4001',
    en: { title: 'A lab command failed', cause: 'One of the commands that build or change the lab (ip, losetup, mkfs.ext4, perl, tc) exited with an error; the message shows the command and what it printed.', remedy: 'Install the missing tool (iproute2, util-linux, e2fsprogs), check that the kernel has veth, bridge and loop support, and run the lab\'s down before trying again.' },
    zh: { title: '实验环境命令执行失败', cause: '构建或修改实验环境的某个命令（ip、losetup、mkfs.ext4、perl、tc）出错退出；消息中给出了该命令及其输出。', remedy: '安装缺少的工具（iproute2、util-linux、e2fsprogs），确认内核支持 veth、网桥和 loop 设备，先执行实验环境的 down 再重试。' },
  },
  {
    code: 'RHA-E4002',
    en: { title: 'The lab cannot run on this machine', cause: 'The lab needs Linux, root and working network namespaces (`ip netns`); one of them is missing.', remedy: 'Run it as root on Linux (CI does). Elsewhere the demo only simulates: nothing real is moved.' },
    zh: { title: '本机无法运行实验环境', cause: '实验环境需要 Linux、root 权限和可用的网络命名空间（`ip netns`），其中某项不满足。', remedy: '在 Linux 上以 root 身份运行（CI 即如此）。其他环境下演示只做模拟，不会真正切换任何资源。' },
  },
  {
    code: 'RHA-E4003',
    en: { title: 'A lab with this prefix is already up', cause: 'Network namespaces with the lab\'s names exist and could not be removed: another lab with the same prefix is running.', remedy: 'Use another prefix for a second lab, or bring the first one down.' },
    zh: { title: '相同前缀的实验环境已在运行', cause: '同名的网络命名空间已存在且无法删除：另一个使用相同前缀的实验环境正在运行。', remedy: '第二个实验环境请使用其他前缀，或先关闭第一个。' },
  },
  {
    code: 'RHA-E4004',
    en: { title: 'The lab timed out waiting', cause: 'Something the lab waits for did not happen in time: a sampler\'s first sample, an answer on the virtual IP, a node taking the virtual IP, interfaces changing state.', remedy: 'Read the logs in the lab\'s run directory (agent.log, keepalived.log, sampler.log, client/prober.log); a machine under heavy load may need longer timeouts.' },
    zh: { title: '实验环境等待超时', cause: '实验环境等待的事件未按时发生：采样器的首个样本、虚拟 IP 上的应答、节点接管虚拟 IP、网卡状态变化。', remedy: '查看实验环境运行目录中的日志（agent.log、keepalived.log、sampler.log、client/prober.log）；负载很高的机器可能需要更长的超时。' },
  },
  {
    code: 'RHA-E4005',
    en: { title: 'Packet loss cannot be emulated', cause: 'The percentage is outside 0-100, or the kernel has no netem queueing discipline and nftables is missing or failed.', remedy: 'Give a percentage from 0 to 100; install nftables (apt-get install nftables) or use a kernel with sch_netem.' },
    zh: { title: '无法模拟丢包', cause: '百分比不在 0 到 100 之间，或内核没有 netem 队列规则且 nftables 未安装或执行失败。', remedy: '给出 0 到 100 的百分比；安装 nftables（apt-get install nftables），或使用带 sch_netem 的内核。' },
  },
  {
    code: 'RHA-W4001',
    en: { title: 'An agent is not available for the benchmark', cause: 'The benchmark could not start this agent (`roseha agent` not built or not written yet, or keepalived not installed), so its rows are missing.', remedy: 'Build roseha (`npm run build`) or install keepalived, then run `npm run bench:failover` again.' },
    zh: { title: '基准测试缺少某个代理程序', cause: '基准测试无法启动该代理（`roseha agent` 尚未构建或尚未实现，或未安装 keepalived），因此缺少对应的结果行。', remedy: '构建 roseha（`npm run build`）或安装 keepalived，然后再次运行 `npm run bench:failover`。' },
  },
];
