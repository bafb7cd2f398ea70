// Codes of src/config: reading, schema and whole-config checks (RHA-E1001…E1009, E1020…; RHA-W1001…).
import type { CatalogueEntry } from '../types.js';

export const configCodes: CatalogueEntry[] = [
  {
    code: 'RHA-E1001',
    en: { title: 'The config file is not valid TOML', cause: 'A syntax error at the line and column shown: a missing quote, bracket or "=", or a key given twice.', remedy: 'Fix the file at the position shown and run `roseha config validate` again.' },
    zh: { title: '配置文件不是有效的 TOML', cause: '在所示的行和列有语法错误：缺少引号、括号或“=”，或同一个键写了两次。', remedy: '修改所示位置后，再次运行 `roseha config validate`。' },
  },
  {
    code: 'RHA-E1002',
    en: { title: 'A config value has the wrong type or form', cause: 'The value at the path shown is not what roseha expects (a number, an IPv4 address, a name, one of a fixed set of words).', remedy: 'Write the value in the form given after "expected"; the configuration reference in the README lists every key.' },
    zh: { title: '配置值的类型或格式不正确', cause: '所示路径上的值不符合要求（数字、IPv4 地址、名称或固定取值之一）。', remedy: '按照“expected”之后给出的格式填写；README 中的配置参考列出了所有配置项。' },
  },
  {
    code: 'RHA-E1003',
    en: { title: 'Unknown config key', cause: 'The key shown is not part of the configuration: often a typing mistake, or a key placed in the wrong table.', remedy: 'Check the spelling and the table it is in against the configuration reference in the README.' },
    zh: { title: '未知的配置项', cause: '所示的键不属于配置：通常是拼写错误，或放在了错误的表中。', remedy: '对照 README 中的配置参考检查拼写及其所在的表。' },
  },
  {
    code: 'RHA-E1004',
    en: { title: 'A required config key is missing', cause: 'The configuration lacks a key that has no default, such as cluster.name or a node\'s address.', remedy: 'Add the key shown; `roseha config init` writes a starter file with every required key.' },
    zh: { title: '缺少必需的配置项', cause: '配置中缺少没有默认值的键，例如 cluster.name 或节点地址。', remedy: '添加所示的键；`roseha config init` 可生成包含所有必需项的初始文件。' },
  },
  {
    code: 'RHA-E1005',
    en: { title: 'Config file not found', cause: 'No file at the path given by --config, ROSEHA_CONFIG, or the platform default (/etc/roseha/roseha.toml, %ProgramData%\\roseha\\roseha.toml).', remedy: 'Pass the right path with --config, or create a file with `roseha config init`.' },
    zh: { title: '找不到配置文件', cause: '--config、ROSEHA_CONFIG 或平台默认位置（/etc/roseha/roseha.toml、%ProgramData%\\roseha\\roseha.toml）都没有该文件。', remedy: '用 --config 指定正确的路径，或用 `roseha config init` 创建配置文件。' },
  },
  {
    code: 'RHA-E1006',
    en: { title: 'Config file cannot be read', cause: 'The file exists but could not be read: no permission, a folder instead of a file, or an I/O error.', remedy: 'Check the file\'s permissions (run as an administrator or root) and that the path names a file.' },
    zh: { title: '无法读取配置文件', cause: '文件存在但无法读取：没有权限、路径是目录，或发生 I/O 错误。', remedy: '检查文件权限（以管理员或 root 身份运行），并确认路径指向一个文件。' },
  },
  {
    code: 'RHA-E1007',
    en: { title: 'Both nodes have the same name', cause: 'The two [[node]] tables carry the same name, so heartbeats and groups cannot tell them apart.', remedy: 'Give each node its own name (usually the host name).' },
    zh: { title: '两个节点同名', cause: '两个 [[node]] 表的名称相同，心跳和任务无法区分它们。', remedy: '为每个节点取不同的名称（通常用主机名）。' },
  },
  {
    code: 'RHA-E1008',
    en: { title: 'Both nodes have the same address', cause: 'The two nodes share a private or public address; each node needs its own on each network.', remedy: 'Give each node its own private and public address.' },
    zh: { title: '两个节点地址相同', cause: '两个节点的私有或公共地址相同；每个节点在每个网络上都需要自己的地址。', remedy: '为每个节点分别设置不同的私有地址和公共地址。' },
  },
  {
    code: 'RHA-E1009',
    en: { title: 'Virtual IP clashes with another address', cause: 'The virtual IP is a node\'s own address, or is used by another ip resource: it would be removed from under the node or held twice.', remedy: 'Choose a free address in the public subnet for each virtual IP.' },
    zh: { title: '虚拟 IP 与其他地址冲突', cause: '虚拟 IP 与节点自身地址相同，或已被另一个 ip 资源使用：会导致地址被误删或被重复持有。', remedy: '为每个虚拟 IP 在公共网段中选择一个未被使用的地址。' },
  },
  {
    code: 'RHA-E1020',
    en: { title: 'API and heartbeat use the same port', cause: 'heartbeat.port and api.port are equal; the agent cannot listen on both.', remedy: 'Use different ports (defaults: heartbeat 7411, API 7410).' },
    zh: { title: 'API 与心跳使用了同一端口', cause: 'heartbeat.port 与 api.port 相同，代理无法同时监听。', remedy: '使用不同的端口（默认：心跳 7411，API 7410）。' },
  },
  {
    code: 'RHA-E1021',
    en: { title: 'The heartbeat disk is a data volume', cause: 'heartbeat.disk names the same disk or mount as a volume resource; the disk heartbeat writes raw sectors and would destroy that file system.', remedy: 'Create a small separate partition without a file system on the shared disk and name it in heartbeat.disk.' },
    zh: { title: '心跳磁盘与数据卷相同', cause: 'heartbeat.disk 与某个 volume 资源指向同一磁盘或挂载点；磁盘心跳直接写扇区，会破坏其文件系统。', remedy: '在共享磁盘上另建一个不格式化的小分区，并在 heartbeat.disk 中指定它。' },
  },
  {
    code: 'RHA-E1022',
    en: { title: 'One disk in two volume resources', cause: 'Two volume resources name the same disk; if their groups run on different nodes both nodes mount it and the data is corrupted.', remedy: 'Put the disk in one group only; resources that need it belong in that group.' },
    zh: { title: '同一磁盘出现在两个卷资源中', cause: '两个 volume 资源指向同一磁盘；若其任务在不同节点运行，两个节点会同时挂载，导致数据损坏。', remedy: '磁盘只放在一个任务中；需要它的资源都应放在该任务里。' },
  },
  {
    code: 'RHA-E1023',
    en: { title: 'Not a cluster key file', cause: 'The key file does not hold 64 hex characters or 32 bytes: it was cut when copied, or is another file.', remedy: 'Copy the key file again from the node where `roseha config init` created it; both nodes need the same key.' },
    zh: { title: '不是集群密钥文件', cause: '密钥文件内容不是 64 个十六进制字符或 32 字节：可能复制时被截断，或是别的文件。', remedy: '从运行过 `roseha config init` 的节点重新复制密钥文件；两个节点必须使用相同的密钥。' },
  },
  {
    code: 'RHA-W1001',
    en: { title: 'No disk heartbeat', cause: 'Without heartbeat.disk a network partition cannot be told from a crash: both nodes may take the groups (split-brain).', remedy: 'Add a small raw partition on the shared disk as heartbeat.disk (or a file on shared storage).' },
    zh: { title: '未配置磁盘心跳', cause: '没有 heartbeat.disk 时无法区分网络分区和节点宕机：两个节点可能同时接管任务（脑裂）。', remedy: '在共享磁盘上建一个小的裸分区作为 heartbeat.disk（或共享存储上的文件）。' },
  },
  {
    code: 'RHA-W1002',
    en: { title: 'A group names an unknown node', cause: 'group.NAME.nodes lists a node that is not one of the two [[node]] tables, or lists a node twice.', remedy: 'Use the names of the [[node]] tables, each once, in order of preference.' },
    zh: { title: '任务引用了未知节点', cause: 'group.NAME.nodes 中的节点不在两个 [[node]] 表中，或同一节点列了两次。', remedy: '按优先顺序填写 [[node]] 表中的节点名，每个只写一次。' },
  },
  {
    code: 'RHA-W1003',
    en: { title: 'Duplicate resource name', cause: 'Two resources in one group have the same name, so status and commands cannot tell them apart.', remedy: 'Give every resource in a group its own name.' },
    zh: { title: '资源名称重复', cause: '同一任务中有两个资源同名，状态显示和命令无法区分它们。', remedy: '为任务中的每个资源取不同的名称。' },
  },
  {
    code: 'RHA-W1004',
    en: { title: 'Virtual IP outside the public subnet', cause: 'The virtual IP is not in the subnet of a node\'s public address, so clients will not reach it when that node holds it.', remedy: 'Pick a virtual IP in the public subnet, or check the prefix length (/24 …).' },
    zh: { title: '虚拟 IP 不在公共网段内', cause: '虚拟 IP 不在节点公共地址的网段中，该节点持有时客户端无法访问。', remedy: '在公共网段中选择虚拟 IP，或检查前缀长度（/24 等）。' },
  },
  {
    code: 'RHA-W1005',
    en: { title: 'Failure deadline too short for the heartbeat', cause: 'dead_after_ms is less than three heartbeats: one lost datagram can make the peer look dead and cause a false failover.', remedy: 'Set dead_after_ms to at least 3 × heartbeat_ms, or use a timing profile (fast, balanced, safe).' },
    zh: { title: '失效判定时间相对心跳过短', cause: 'dead_after_ms 少于三个心跳周期：丢失一个报文就可能误判对端宕机并错误切换。', remedy: '将 dead_after_ms 设为至少 3 × heartbeat_ms，或使用时间配置档（fast、balanced、safe）。' },
  },
  {
    code: 'RHA-W1006',
    en: { title: 'Timing outside the valid range', cause: 'heartbeat_ms must be 50–5000 ms and dead_after_ms 150–60000 ms; outside them heartbeats flood the network or failures go unnoticed.', remedy: 'Use values in range, or a timing profile (fast, balanced, safe).' },
    zh: { title: '时间参数超出有效范围', cause: 'heartbeat_ms 应为 50–5000 毫秒，dead_after_ms 应为 150–60000 毫秒；超出范围会使心跳占满网络或故障迟迟未被发现。', remedy: '使用范围内的值，或使用时间配置档（fast、balanced、safe）。' },
  },
  {
    code: 'RHA-W1007',
    en: { title: 'No watchdog', cause: 'Without heartbeat.watchdog a node frozen whole (a VM pause) cannot release its groups until it wakes, while the peer has taken over.', remedy: 'Set heartbeat.watchdog to /dev/watchdog where the hardware or hypervisor provides one.' },
    zh: { title: '未配置看门狗', cause: '没有 heartbeat.watchdog 时，整机冻结（如虚拟机暂停）的节点在恢复前无法释放任务，而对端已接管。', remedy: '如果硬件或虚拟化平台提供看门狗，将 heartbeat.watchdog 设为 /dev/watchdog。' },
  },
  {
    code: 'RHA-W1008',
    en: { title: 'No gateway to check the public network', cause: 'Without heartbeat.gateway a node cannot tell that its public network is down, so it keeps groups its clients cannot reach.', remedy: 'Set heartbeat.gateway to the public network\'s router (or gateway_check = "none" to accept the risk).' },
    zh: { title: '未配置用于检查公共网络的网关', cause: '没有 heartbeat.gateway 时节点无法发现自己的公共网络中断，会继续持有客户端无法访问的任务。', remedy: '将 heartbeat.gateway 设为公共网络的路由器（或设置 gateway_check = "none" 表示接受该风险）。' },
  },
  {
    code: 'RHA-W1009',
    en: { title: 'Unusual resource order', cause: 'Resources start in the order written; an IP or application before its volume starts on a disk that is not there yet.', remedy: 'List resources as volume, then ip, then services, processes and scripts.' },
    zh: { title: '资源顺序不常见', cause: '资源按书写顺序启动；IP 或应用写在卷之前，会在磁盘尚未就绪时启动。', remedy: '按 volume、ip、然后 service/process/script 的顺序排列资源。' },
  },
  {
    code: 'RHA-W1010',
    en: { title: 'One address for both networks', cause: 'A node uses the same address as private and public: the private link is then not independent and fails with the public network.', remedy: 'Put the heartbeat (private) link on its own network card and subnet.' },
    zh: { title: '两个网络使用同一地址', cause: '某节点的私有地址与公共地址相同：私有链路不再独立，会随公共网络一起失效。', remedy: '为心跳（私有）链路使用独立的网卡和网段。' },
  },
  {
    code: 'RHA-W1011',
    en: { title: 'A group can run on one node only', cause: 'group.NAME.nodes lists a single node, so the group never fails over.', remedy: 'List both nodes in order of preference, unless the group is meant to stay put.' },
    zh: { title: '任务只能在一个节点运行', cause: 'group.NAME.nodes 只列了一个节点，该任务永远不会切换。', remedy: '除非有意如此，否则按优先顺序列出两个节点。' },
  },
  {
    code: 'RHA-W1012',
    en: { title: 'A group has no resources', cause: 'The group has no [[group.NAME.resource]] tables, so moving it does nothing.', remedy: 'Add the volume, IP and services the group should carry, or remove the group.' },
    zh: { title: '任务没有资源', cause: '该任务没有 [[group.NAME.resource]] 表，切换它没有任何作用。', remedy: '添加任务需要的卷、IP 和服务，或删除该任务。' },
  },
  {
    code: 'RHA-W1013',
    en: { title: 'Monitor timeout very long', cause: 'monitor_timeout_ms is ten or more monitor intervals: a hung resource stays unnoticed for that long.', remedy: 'Keep monitor_timeout_ms below a few monitor_interval_ms.' },
    zh: { title: '监视超时过长', cause: 'monitor_timeout_ms 达到监视间隔的十倍以上：资源挂起后长时间不会被发现。', remedy: '将 monitor_timeout_ms 保持在几个 monitor_interval_ms 以内。' },
  },
  {
    code: 'RHA-W1014',
    en: { title: 'No alert channel', cause: 'None of alerts.email, sound, eventlog or script is set: a failover or a locked group goes unnoticed until someone looks at status.', remedy: 'Configure at least one alert channel in [alerts].' },
    zh: { title: '未配置告警方式', cause: 'alerts.email、sound、eventlog、script 均未设置：切换或任务被封锁时无人知晓，直到有人查看状态。', remedy: '在 [alerts] 中至少配置一种告警方式。' },
  },
  {
    code: 'RHA-W1015',
    en: { title: 'Program given without an absolute path', cause: 'A process command or script path is relative: the agent runs as a service with its own PATH and working folder, so it may not find the program.', remedy: 'Write the full path, such as /usr/bin/app or C:\\App\\app.exe.' },
    zh: { title: '程序路径不是绝对路径', cause: 'process 命令或 script 路径是相对路径：代理以服务方式运行，其 PATH 和工作目录不同，可能找不到程序。', remedy: '写完整路径，例如 /usr/bin/app 或 C:\\App\\app.exe。' },
  },
  {
    code: 'RHA-W1016',
    en: { title: 'Disk heartbeat timeout too long', cause: 'heartbeat.disk_timeout_ms is not shorter than dead_after_ms: a hung disk is noticed only after the peer may already have taken over.', remedy: 'Set disk_timeout_ms well below dead_after_ms, or leave it unset.' },
    zh: { title: '磁盘心跳超时过长', cause: 'heartbeat.disk_timeout_ms 不小于 dead_after_ms：磁盘挂起要等到对端可能已接管后才被发现。', remedy: '将 disk_timeout_ms 设得明显小于 dead_after_ms，或不设置。' },
  },
  {
    code: 'RHA-W1017',
    en: { title: 'Empty failback window', cause: 'failback = "window HH-HH" starts and ends at the same hour, so the group never fails back.', remedy: 'Give a window such as "window 02-04", or write failback = "manual" if that is meant.' },
    zh: { title: '回切时间窗为空', cause: 'failback = "window HH-HH" 的起止小时相同，任务永远不会回切。', remedy: '设置如 "window 02-04" 的时间窗；若本意如此，写 failback = "manual"。' },
  },
  {
    code: 'RHA-W1018',
    en: { title: 'The gateway is a cluster address', cause: 'heartbeat.gateway is a node\'s own address or a virtual IP: reaching it says nothing about the public network.', remedy: 'Set heartbeat.gateway to the router of the public network.' },
    zh: { title: '网关是集群自身的地址', cause: 'heartbeat.gateway 是节点自身地址或虚拟 IP：能访问它并不能说明公共网络正常。', remedy: '将 heartbeat.gateway 设为公共网络的路由器地址。' },
  },
  {
    code: 'RHA-W1019',
    en: { title: 'Cluster key file missing', cause: 'The file named by cluster.key_file does not exist or cannot be read: the agent will not start without it.', remedy: 'Run `roseha config init` on one node to create it, then copy the same file to the other node (keep it mode 0600).' },
    zh: { title: '集群密钥文件不存在', cause: 'cluster.key_file 指定的文件不存在或无法读取：没有它代理无法启动。', remedy: '在一个节点上运行 `roseha config init` 生成它，再把同一文件复制到另一节点（权限保持 0600）。' },
  },
  {
    code: 'RHA-W1024',
    en: { title: 'Watchdog device missing here', cause: 'heartbeat.watchdog names a device that does not exist or cannot be written on the machine where the config was checked. An agent started here with this config refuses to start (RHA-E2015); on another node it may be right.', remedy: 'Load the watchdog driver on each node (softdog for a test), or fix the path.' },
    zh: { title: '本机没有看门狗设备', cause: 'heartbeat.watchdog 指定的设备在检查配置的机器上不存在或不可写。在本机用此配置启动的代理会拒绝启动（RHA-E2015）；在其他节点上可能是正确的。', remedy: '在每个节点上加载看门狗驱动（测试可用 softdog），或修正路径。' },
  },
];
