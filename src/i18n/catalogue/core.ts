// Codes of the decision core (src/core): 25xx–29xx. Alerts raised by decide() are edge-triggered:
// once when the condition appears, once (severity info, same code) when it clears.
import type { CatalogueEntry } from '../types.js';

export const coreCodes: CatalogueEntry[] = [
  {
    code: 'RHA-W2501',
    en: { title: 'Network partition: the peer is heard only on the disk link', cause: 'Both network heartbeat links to the peer are silent, but its disk heartbeat slot keeps changing: the peer is alive and the networks between the nodes are cut.', remedy: 'Nothing moves while the disk shows the peer alive. Check the private and public networks between the nodes (cables, switches, firewall on the heartbeat port).' },
    zh: { title: '网络分区：只能通过磁盘心跳看到对端', cause: '到对端的两条网络心跳都已静默，但对端的磁盘心跳槽仍在更新：对端存活，节点之间的网络被切断。', remedy: '磁盘心跳显示对端存活时不会切换任务。请检查节点之间的私有网络和公共网络（网线、交换机、心跳端口的防火墙）。' },
  },
  {
    code: 'RHA-W2502',
    en: { title: 'A heartbeat link to the peer is silent', cause: 'No valid heartbeat arrived on this link for dead_after_ms, while the peer is still heard on another link. Heartbeats carry on over the other links; nothing moves.', remedy: 'Check this link (interface up, addresses, the heartbeat port in the firewall, the shared disk for the disk link). `roseha status` shows when each link was last heard.' },
    zh: { title: '到对端的一条心跳链路静默', cause: '这条链路在 dead_after_ms 内没有收到有效心跳，但仍能通过其他链路听到对端。心跳继续走其他链路，任务不切换。', remedy: '检查该链路（网卡是否启用、地址、防火墙中的心跳端口；磁盘链路则检查共享磁盘）。`roseha status` 显示每条链路最后一次收到心跳的时间。' },
  },
  {
    code: 'RHA-W2503',
    en: { title: 'This node\'s public network is down', cause: 'The public network does not reach the gateway. An active node hands its groups to a healthy standby; a standby locks the failover of its groups.', remedy: 'Check the public interface, cable and gateway. Once the gateway answers again the locks are lifted automatically.' },
    zh: { title: '本节点的公共网络故障', cause: '公共网络无法到达网关。工作节点把任务交给健康的备援节点；备援节点封锁其任务的切换。', remedy: '检查公共网卡、网线和网关。网关恢复应答后封锁会自动解除。' },
  },
  {
    code: 'RHA-W2504',
    en: { title: 'This node\'s shared-disk path is broken', cause: 'Reading or writing the disk heartbeat area failed or timed out. Groups with a volume cannot run here; with every network link also silent the node stops its groups (self-fencing).', remedy: 'Check the storage path (HBA, iSCSI session, multipath, cables) and the disk heartbeat partition.' },
    zh: { title: '本节点到共享磁盘的路径故障', cause: '读写磁盘心跳区失败或超时。含卷的任务不能在本节点运行；若所有网络链路也静默，本节点会停止其任务（自我隔离）。', remedy: '检查存储路径（HBA、iSCSI 会话、多路径、线缆）和磁盘心跳分区。' },
  },
  {
    code: 'RHA-W2505',
    en: { title: 'The peer is silent on every link: considered dead', cause: 'No valid heartbeat from the peer on any configured link for dead_after_ms, and this node\'s own disk path works. This node takes over the peer\'s groups.', remedy: 'Check the peer node (power, operating system, the roseha service). When it comes back it rejoins as standby.' },
    zh: { title: '对端在所有链路上静默：判定为失效', cause: '在 dead_after_ms 内所有已配置链路都没有收到对端的有效心跳，且本节点的磁盘路径正常。本节点接管对端的任务。', remedy: '检查对端节点（电源、操作系统、roseha 服务）。恢复后它会以备援身份重新加入。' },
  },
  {
    code: 'RHA-W2506',
    en: { title: 'Cut off: the peer is silent everywhere and this node\'s disk path is broken', cause: 'This node hears the peer on no link and cannot read the shared disk, so it cannot tell a dead peer from its own isolation. It takes nothing over, and stops what it runs once the peer can no longer confirm hearing it.', remedy: 'Restore the storage path or a network link between the nodes.' },
    zh: { title: '孤立：对端全部静默且本节点磁盘路径故障', cause: '本节点在任何链路上都听不到对端，也无法读取共享磁盘，因此无法区分对端失效和自身被隔离。它不接管任何任务，并在对端无法确认收到其心跳后停止自己运行的任务。', remedy: '恢复存储路径或节点之间的任一网络链路。' },
  },
  {
    code: 'RHA-W2507',
    en: { title: 'Failover locked: this node cannot stand by for the group', cause: 'This node is the group\'s standby but is unhealthy (public network down, or storage path broken for a group with a volume), so the group could not fail over to it.', remedy: 'Repair this node\'s public network or storage path; the lock is lifted automatically when it is healthy again.' },
    zh: { title: '切换已封锁：本节点无法作为该任务的备援', cause: '本节点是该任务的备援节点，但状态不健康（公共网络故障，或含卷任务的存储路径故障），任务无法切换到本节点。', remedy: '修复本节点的公共网络或存储路径；恢复健康后封锁自动解除。' },
  },
  {
    code: 'RHA-E2508',
    en: { title: 'Failover limit reached: the group stays put and is locked', cause: 'The group failed over failover_threshold times within failover_period_s. To stop a broken application from bouncing between the nodes it is no longer failed over.', remedy: 'Find why the group keeps failing (its resources\' logs), fix it, then run `roseha cleanup GROUP`. The lock is lifted when the period has passed.' },
    zh: { title: '达到切换次数上限：任务保持原位并被封锁', cause: '该任务在 failover_period_s 内切换了 failover_threshold 次。为避免故障应用在两个节点之间来回切换，不再自动切换。', remedy: '查明任务反复失败的原因（资源日志），修复后执行 `roseha cleanup GROUP`。超过统计周期后封锁自动解除。' },
  },
  {
    code: 'RHA-E2509',
    en: { title: 'The group can run on no node', cause: 'No node is eligible for the group: each is drained, failed for this group, unhealthy, or not in its `nodes` list.', remedy: 'Check the reasons shown for each node, repair one of them, and run `roseha cleanup GROUP` if its start failed.' },
    zh: { title: '任务没有可运行的节点', cause: '没有节点可以运行该任务：每个节点都处于维护排空、该任务已失败、不健康，或不在其 `nodes` 列表中。', remedy: '查看每个节点的原因并修复其一；若启动失败过，执行 `roseha cleanup GROUP`。' },
  },
  {
    code: 'RHA-W2510',
    en: { title: 'This node was paused and releases its groups', cause: 'The agent did not run for more than half of dead_after_ms (a stopped process, a VM pause, a long garbage collection). The peer may already have taken its groups over, so it stops them at once.', remedy: 'Find what paused the node (hypervisor events, memory pressure). Configure a watchdog (`heartbeat.watchdog`) so a frozen node is reset in time.' },
    zh: { title: '本节点曾被暂停，释放其任务', cause: '代理超过 dead_after_ms 的一半时间没有运行（进程被停止、虚拟机暂停、长时间垃圾回收）。对端可能已接管其任务，因此立即停止这些任务。', remedy: '查明节点被暂停的原因（虚拟化平台事件、内存压力）。配置看门狗（`heartbeat.watchdog`），使冻结的节点能及时复位。' },
  },
  {
    code: 'RHA-E2511',
    en: { title: 'Self-fencing: the node stops its groups', cause: 'This node\'s disk path is broken and the peer has not confirmed hearing it for fence_after_ms: the peer may soon call it dead and take over, so it stops its groups first.', remedy: 'Restore the storage path or the network links between the nodes. The groups run on the peer meanwhile, if it is healthy.' },
    zh: { title: '自我隔离：本节点停止其任务', cause: '本节点的磁盘路径故障，且对端在 fence_after_ms 内未确认收到本节点的心跳：对端可能即将判定本节点失效并接管，因此本节点先停止任务。', remedy: '恢复存储路径或节点之间的网络链路。在此期间，若对端健康，任务会在对端运行。' },
  },
  {
    code: 'RHA-I2512',
    en: { title: 'Taking over a group from a dead peer', cause: 'The peer is silent on every link and held the group; this node is healthy and starts it with a higher claim epoch.', remedy: 'No action needed; check the peer node.' },
    zh: { title: '从失效的对端接管任务', cause: '对端在所有链路上静默且原先运行该任务；本节点健康，以更高的声明纪元启动该任务。', remedy: '无需操作；请检查对端节点。' },
  },
  {
    code: 'RHA-I2513',
    en: { title: 'The group fails over to the peer', cause: 'This node can no longer run the group (public network down, storage path broken) and the peer is healthy: this node stops it and the peer starts it once it sees the stop.', remedy: 'Repair this node; with failback = "auto" (or inside the failback window) the group comes back by itself.' },
    zh: { title: '任务切换到对端', cause: '本节点已无法运行该任务（公共网络故障、存储路径故障）而对端健康：本节点停止任务，对端在确认停止后启动。', remedy: '修复本节点；若 failback = "auto"（或在回切时间窗内），任务会自动切回。' },
  },
  {
    code: 'RHA-W2514',
    en: { title: 'Both nodes claimed the group: this node yields', cause: 'The peer holds the group with a higher claim epoch (or the same epoch and a higher preference): this node was probably paused or cut off while the peer took over. The lower claim stops.', remedy: 'Find out why both claimed it (a pause, a partition without a disk heartbeat). Consider a disk heartbeat and a watchdog.' },
    zh: { title: '两个节点同时声明该任务：本节点让出', cause: '对端以更高的声明纪元（或相同纪元、更高优先级）持有该任务：本节点可能在对端接管时被暂停或隔离。较低的声明停止。', remedy: '查明两端同时声明的原因（暂停、没有磁盘心跳的网络分区）。建议配置磁盘心跳和看门狗。' },
  },
  {
    code: 'RHA-W2515',
    en: { title: 'The group failed on this node', cause: 'A start failed, or its monitor failed more than max_restarts times within restart_period_s. This node stops the group so that the peer can run it.', remedy: 'Read the resource\'s log, fix the cause, then run `roseha cleanup GROUP` so this node may run it again.' },
    zh: { title: '任务在本节点失败', cause: '启动失败，或监控在 restart_period_s 内失败超过 max_restarts 次。本节点停止该任务，以便对端运行。', remedy: '查看资源日志并修复原因，然后执行 `roseha cleanup GROUP`，使本节点可再次运行该任务。' },
  },
  {
    code: 'RHA-I2517',
    en: { title: 'Maintenance mode', cause: 'The cluster is in maintenance: roseha starts, stops and moves nothing, whatever fails.', remedy: 'Leave maintenance with `roseha maintenance off` when the work is done.' },
    zh: { title: '维护模式', cause: '集群处于维护模式：无论发生什么故障，roseha 都不启动、停止或切换任何任务。', remedy: '工作完成后执行 `roseha maintenance off` 退出维护模式。' },
  },
  {
    code: 'RHA-E2520',
    en: { title: 'The simulation names an unknown node', cause: 'A simulation step names a node that is not one of the two configured nodes.', remedy: 'Use the node names from the configuration\'s [[node]] tables.' },
    zh: { title: '模拟中引用了未知节点', cause: '某个模拟步骤引用的节点不是配置中的两个节点之一。', remedy: '使用配置文件 [[node]] 表中的节点名。' },
  },
  {
    code: 'RHA-E2521',
    en: { title: 'A simulation step cannot be read', cause: 'The step text does not match `[at TIME] VERB ARGS` (for example "crash node-a", "at 5s heal private", "pause node-b 2s").', remedy: 'Fix the step as the message says; `roseha simulate --help` lists the verbs.' },
    zh: { title: '无法解析模拟步骤', cause: '步骤文本不符合 `[at 时间] 动词 参数` 的格式（例如 "crash node-a"、"at 5s heal private"、"pause node-b 2s"）。', remedy: '按提示修正该步骤；`roseha simulate --help` 列出所有动词。' },
  },
  {
    code: 'RHA-W2516',
    en: {
      title: 'Locked group not taken over',
      cause: 'An operator locked the group, and the node that ran it is gone or gave it up: the lock forbids any automatic start, so the group runs nowhere.',
      remedy: 'If the group should run again, run `roseha unlock GROUP` (this node then takes it) or `roseha move GROUP NODE`.',
    },
    zh: {
      title: '已封锁的任务未被接管',
      cause: '管理员封锁了该任务，而原来运行它的节点已经失效或放弃了它：封锁禁止任何自动启动，因此该任务没有在任何节点运行。',
      remedy: '如需恢复运行，执行 `roseha unlock 任务名`（本节点随即接管），或执行 `roseha move 任务名 节点名`。',
    },
  },
];
