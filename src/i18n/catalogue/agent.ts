import type { CatalogueEntry } from '../types.js';

/** Heartbeat links (src/agent/links, src/probes/gateway.ts): RHA-x2400..2499. */
const linkCodes: CatalogueEntry[] = [
  {
    code: 'RHA-E2401',
    en: { title: 'The cluster key is too short', cause: 'The key file has fewer than 16 bytes; heartbeats signed with a guessable key prove nothing.', remedy: 'Create a new key of 32 random bytes (for example `head -c 32 /dev/urandom > cluster.key`), copy the same file to both nodes, and restart the agents.' },
    zh: { title: '集群密钥太短', cause: '密钥文件少于 16 字节；用可猜测的密钥签名的心跳无法证明来源。', remedy: '生成 32 个随机字节的新密钥（例如 `head -c 32 /dev/urandom > cluster.key`），将同一文件复制到两个节点，然后重启代理。' },
  },
  {
    code: 'RHA-E2402',
    en: { title: 'The heartbeat does not fit in one datagram', cause: 'This node\'s state summary (mostly its group names) needs more than the 1400 bytes a heartbeat may carry; the heartbeat was not sent.', remedy: 'Use fewer or shorter group names. The peer will see this node as silent on the links where the heartbeat was not sent.' },
    zh: { title: '心跳超出单个数据报的大小', cause: '本节点的状态摘要（主要是任务组名称）超过心跳允许的 1400 字节，心跳未发送。', remedy: '减少任务组数量或缩短组名。未发送心跳的链路上，对端会认为本节点无响应。' },
  },
  {
    code: 'RHA-E2403',
    en: { title: 'A heartbeat field is out of range', cause: 'A node name, incarnation or counter is too long or too large to encode (a name over 255 bytes, a negative or huge number).', remedy: 'This is a bug or a damaged config: check the node names, then report it with the log line.' },
    zh: { title: '心跳字段超出范围', cause: '节点名、实例标识或计数器过长或过大，无法编码（名称超过 255 字节，或数值为负或过大）。', remedy: '这是程序缺陷或配置损坏：检查节点名称，并附上日志行报告问题。' },
  },
  {
    code: 'RHA-E2404',
    en: { title: 'Cannot listen for heartbeats', cause: 'The UDP port could not be bound on this node\'s address for a network link: the address is not (yet) on any interface (a disconnected NIC loses it on Windows), or another program holds the port.', remedy: 'Check that the [[node]] address of this node exists (`ip addr` / `Get-NetIPAddress`) and that heartbeat.port is free. The agent keeps retrying every second; it stops only when no network link can listen at all.' },
    zh: { title: '无法监听心跳', cause: '无法在本节点该网络链路的地址上绑定 UDP 端口：该地址（尚）不在任何网卡上（Windows 上断开的网卡会失去地址），或端口被其他程序占用。', remedy: '确认本节点 [[node]] 中的地址存在（`ip addr` / `Get-NetIPAddress`），且 heartbeat.port 未被占用。代理每秒重试一次；只有所有网络链路都无法监听时才会停止。' },
  },
  {
    code: 'RHA-W2405',
    en: { title: 'Heartbeat socket error', cause: 'The operating system reported an error on a heartbeat link\'s socket (network unreachable, a port-unreachable reply from the peer).', remedy: 'Usually the peer\'s agent is down or the network is cut; `roseha status` shows each link\'s state. The link keeps running.' },
    zh: { title: '心跳套接字错误', cause: '操作系统报告心跳链路的套接字出错（网络不可达，或对端回复端口不可达）。', remedy: '通常是对端代理未运行或网络中断；`roseha status` 显示每条链路的状态。该链路会继续运行。' },
  },
  {
    code: 'RHA-W2406',
    en: { title: 'The peer restarted with an older start time', cause: 'The peer\'s newest heartbeats come from an agent start stamped earlier than the one seen before, after that one fell silent: its clock was set back.', remedy: 'Synchronise both nodes\' clocks (NTP / w32time). Heartbeats are accepted, but replay protection is weaker until the clocks agree.' },
    zh: { title: '对端以更早的启动时间重启', cause: '对端先前的实例停止响应后，新的心跳来自启动时间更早的实例：对端的时钟被调回了。', remedy: '同步两个节点的时钟（NTP / w32time）。心跳会被接受，但在时钟一致之前防重放保护较弱。' },
  },
  {
    code: 'RHA-W2407',
    en: { title: 'Bad heartbeats dropped', cause: 'A heartbeat link received datagrams or a disk slot that failed a check (truncated, bad tag, unknown sender, other cluster, replayed…). Each is counted; this line is logged at most once a minute per reason.', remedy: 'bad-tag: the two nodes have different key files. wrong-cluster: another cluster uses the same port on this network. replayed or unknown-sender from a strange address: someone is sending forged traffic. `roseha status` shows the counters.' },
    zh: { title: '已丢弃无效心跳', cause: '心跳链路收到未通过校验的数据报或磁盘槽位（截断、签名错误、未知发送方、其他集群、重放等）。每个都会计数；每种原因每分钟最多记录一行日志。', remedy: 'bad-tag：两个节点的密钥文件不同。wrong-cluster：本网络中另一个集群使用了相同端口。来自陌生地址的 replayed 或 unknown-sender：有人在发送伪造流量。`roseha status` 显示计数。' },
  },
  {
    code: 'RHA-E2408',
    en: { title: 'The disk heartbeat offset is not aligned', cause: 'heartbeat.disk_offset must be a multiple of 4096 bytes: unbuffered I/O on the raw disk works on whole sectors.', remedy: 'Set heartbeat.disk_offset to a multiple of 4096 (0 is fine for a dedicated partition) on both nodes.' },
    zh: { title: '磁盘心跳偏移未对齐', cause: 'heartbeat.disk_offset 必须是 4096 字节的整数倍：裸盘上的无缓冲 I/O 以整扇区为单位。', remedy: '在两个节点上把 heartbeat.disk_offset 设为 4096 的整数倍（专用分区可用 0）。' },
  },
  {
    code: 'RHA-W2409',
    en: { title: 'Disk heartbeat I/O failed: own storage path broken', cause: 'A read or write of the disk heartbeat area failed or did not finish within heartbeat.disk_timeout_ms. This node now reports its storage path as broken, until an I/O succeeds again.', remedy: 'Check the path to the shared disk (cables, HBA, iSCSI session, multipath) and the device named in heartbeat.disk. Groups with a volume move to the node that still sees the storage.' },
    zh: { title: '磁盘心跳 I/O 失败：本节点存储路径故障', cause: '读写磁盘心跳区域失败，或未在 heartbeat.disk_timeout_ms 内完成。本节点将报告存储路径故障，直到再次有 I/O 成功。', remedy: '检查到共享磁盘的路径（线缆、HBA、iSCSI 会话、多路径）以及 heartbeat.disk 指定的设备。包含卷的任务组会切换到仍能访问存储的节点。' },
  },
  {
    code: 'RHA-I2410',
    en: { title: 'Disk heartbeat area reachable', cause: 'A read or write of the disk heartbeat area succeeded: this node\'s storage path works (again).', remedy: 'Nothing to do.' },
    zh: { title: '磁盘心跳区域可访问', cause: '磁盘心跳区域的读写成功：本节点的存储路径（已恢复）正常。', remedy: '无需处理。' },
  },
  {
    code: 'RHA-E2411',
    en: { title: 'Disk heartbeat area unusable', cause: 'The disk heartbeat I/O was refused before it reached the disk: the area ends before the slots (device too small for disk_offset), a short write, or the device is not open.', remedy: 'Check heartbeat.disk and heartbeat.disk_offset: the area needs 8 KiB (two 4 KiB slots) from the offset.' },
    zh: { title: '磁盘心跳区域不可用', cause: '磁盘心跳 I/O 在到达磁盘前被拒绝：区域在槽位之前就结束（设备小于 disk_offset 所需）、写入不完整，或设备未打开。', remedy: '检查 heartbeat.disk 和 heartbeat.disk_offset：从偏移处起需要 8 KiB（两个 4 KiB 槽位）。' },
  },
  {
    code: 'RHA-E2412',
    en: { title: 'This node is not in the config', cause: 'The agent was started as a node name that matches none of the [[node]] tables.', remedy: 'Check the node name the agent was started with against the [[node]] names in the config.' },
    zh: { title: '本节点不在配置中', cause: '代理启动时使用的节点名与任何 [[node]] 表都不匹配。', remedy: '核对代理启动时使用的节点名与配置中的 [[node]] 名称。' },
  },
  {
    code: 'RHA-E2413',
    en: { title: 'No unbuffered disk helper on Windows', cause: 'On Windows the disk heartbeat needs roseha\'s unbuffered I/O helper, and the agent was started without it.', remedy: 'This is a packaging bug: reinstall roseha, or remove heartbeat.disk to run without a disk heartbeat (not recommended: a partition then looks like a crash).' },
    zh: { title: 'Windows 上缺少无缓冲磁盘助手', cause: '在 Windows 上，磁盘心跳需要 roseha 的无缓冲 I/O 助手，而代理启动时没有它。', remedy: '这是打包问题：重新安装 roseha，或删除 heartbeat.disk 以不使用磁盘心跳运行（不推荐：此时网络分区看起来像节点宕机）。' },
  },
  {
    code: 'RHA-I2414',
    en: { title: 'Listening for heartbeats', cause: 'A network link that could not bind its address at start-up now can (the address came back).', remedy: 'Nothing to do.' },
    zh: { title: '已开始监听心跳', cause: '启动时无法绑定地址的网络链路现在已绑定成功（地址已恢复）。', remedy: '无需处理。' },
  },
  {
    code: 'RHA-E2415',
    en: { title: 'The disk refuses unbuffered I/O', cause: 'The device in heartbeat.disk could not be opened with O_DIRECT, or refused every buffer alignment for direct I/O.', remedy: 'Use a block device (a small raw partition of the shared disk) that supports direct I/O; a file on a local file system is only for tests.' },
    zh: { title: '磁盘拒绝无缓冲 I/O', cause: 'heartbeat.disk 中的设备无法以 O_DIRECT 打开，或对直接 I/O 拒绝所有缓冲区对齐方式。', remedy: '使用支持直接 I/O 的块设备（共享磁盘上的一个小裸分区）；本地文件系统上的文件仅用于测试。' },
  },
];

export const agentCodes: CatalogueEntry[] = [...linkCodes];
