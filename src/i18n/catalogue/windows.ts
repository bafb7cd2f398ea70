// Error codes of the Windows drivers and PowerShell host (RHA-x3500..3999), English and Simplified Chinese.
import type { CatalogueEntry } from '../types.js';

export const windowsCodes: CatalogueEntry[] = [
  {
    code: "RHA-E3501",
    en: { title: "PowerShell gave no result", cause: "powershell.exe ended without printing roseha's one-line JSON result (it could not start, crashed, or exited with an unexpected code).", remedy: "Check that Windows PowerShell 5.1 (powershell.exe) is installed and on PATH for the roseha service account; run the command shown with --dry-run by hand and read its error output." },
    zh: { title: "PowerShell 未返回结果", cause: "powershell.exe 结束时没有输出 roseha 约定的单行 JSON 结果（无法启动、崩溃或退出码异常）。", remedy: "确认 roseha 服务账户可以找到并运行 Windows PowerShell 5.1（powershell.exe）；用 --dry-run 显示的命令手动运行一次并查看错误输出。" },
  },
  {
    code: "RHA-E3502",
    en: { title: "PowerShell script timed out", cause: "A PowerShell script did not finish within the operation's timeout and was killed; the Windows operation it started may still complete.", remedy: "roseha re-reads the state before acting again. If this repeats, raise the resource's start_timeout_ms / stop_timeout_ms, or look for a hung disk, driver or service." },
    zh: { title: "PowerShell 脚本超时", cause: "PowerShell 脚本未在操作时限内完成并被终止；它发起的 Windows 操作可能仍会完成。", remedy: "roseha 会在再次操作前重新读取状态。如反复出现，请增大该资源的 start_timeout_ms / stop_timeout_ms，或排查卡住的磁盘、驱动或服务。" },
  },
  {
    code: "RHA-E3503",
    en: { title: "Windows reported an error", cause: "A PowerShell cmdlet failed; the message is Windows' own (it may be localized).", remedy: "Read the message and the details (--full); most often the roseha service lacks administrator rights or the named object does not exist." },
    zh: { title: "Windows 报告错误", cause: "某个 PowerShell 命令失败；消息来自 Windows 本身（可能为本地化文本）。", remedy: "阅读消息及详细信息（--full）；最常见的原因是 roseha 服务没有管理员权限，或所指对象不存在。" },
  },
  {
    code: "RHA-E3504",
    en: { title: "Unexpected PowerShell output", cause: "A roseha PowerShell script printed a result whose shape roseha does not recognize (a different Windows or PowerShell version).", remedy: "Report it with the details shown by --full, including the Windows and PowerShell versions ($PSVersionTable)." },
    zh: { title: "PowerShell 输出格式异常", cause: "roseha 的 PowerShell 脚本输出的结果格式无法识别（Windows 或 PowerShell 版本不同）。", remedy: "请附上 --full 显示的详细信息以及 Windows、PowerShell 版本（$PSVersionTable）报告此问题。" },
  },
  {
    code: "RHA-E3505",
    en: { title: "PowerShell probe worker failed", cause: "The long-lived PowerShell process that answers monitors exited or stopped answering; it is restarted and the probe is retried once with a separate powershell.exe.", remedy: "Nothing to do if it is rare. If it repeats, look at the agent log for the worker's stderr and check that antivirus software does not block powershell.exe." },
    zh: { title: "PowerShell 探测进程故障", cause: "负责监视探测的常驻 PowerShell 进程退出或不再应答；roseha 会重启它，并用单独的 powershell.exe 重试一次。", remedy: "偶尔出现无需处理。若反复出现，请查看 agent 日志中该进程的 stderr，并确认杀毒软件没有拦截 powershell.exe。" },
  },
  {
    code: "RHA-E3506",
    en: { title: "No long-lived processes here", cause: "This runner cannot keep a process with pipes (a dry run or a test fake), so the PowerShell worker or disk helper cannot run.", remedy: "Expected in dry runs and simulations. In the agent, this is a bug: report it." },
    zh: { title: "无法运行常驻进程", cause: "当前运行器不能保持带管道的进程（演练或测试替身），因此 PowerShell 常驻进程或磁盘助手无法运行。", remedy: "在演练和模拟中属正常现象。若出现在 agent 中则是缺陷，请报告。" },
  },
  {
    code: "RHA-E3510",
    en: { title: "Disk not found", cause: "No disk with the configured UniqueId is visible on this node.", remedy: "Check the volume resource's disk value against Get-Disk | Select Number, UniqueId on both nodes, and the SAN zoning / iSCSI sessions of this node." },
    zh: { title: "找不到磁盘", cause: "本节点看不到具有所配置 UniqueId 的磁盘。", remedy: "在两个节点上用 Get-Disk | Select Number, UniqueId 核对卷资源的 disk 值，并检查本节点的 SAN 分区/iSCSI 会话。" },
  },
  {
    code: "RHA-E3511",
    en: { title: "Disk UniqueId is not unique", cause: "More than one disk reports the configured UniqueId (for example a LUN seen over two paths without MPIO, or a cloned LUN).", remedy: "Install and configure MPIO for multipath LUNs, or remove the cloned disk; then check Get-Disk again." },
    zh: { title: "磁盘 UniqueId 不唯一", cause: "有多块磁盘报告了所配置的 UniqueId（例如未配置 MPIO 的多路径 LUN，或克隆的 LUN）。", remedy: "为多路径 LUN 安装并配置 MPIO，或移除克隆磁盘；然后再次检查 Get-Disk。" },
  },
  {
    code: "RHA-E3512",
    en: { title: "Volume did not appear", cause: "The disk came online but its volume with the configured drive letter did not appear in time.", remedy: "Check in Disk Management that the data partition has a file system and the configured letter; raise start_timeout_ms if the storage is slow." },
    zh: { title: "卷未出现", cause: "磁盘已联机，但带有所配置盘符的卷未在时限内出现。", remedy: "在磁盘管理中确认数据分区有文件系统并使用所配置的盘符；若存储较慢，请增大 start_timeout_ms。" },
  },
  {
    code: "RHA-E3513",
    en: { title: "Disk could not be taken offline", cause: "Flushing the volume or taking the disk offline failed, or the disk is still online afterwards (often because files on it are still open).", remedy: "Make sure the services and processes using the volume are stopped first (they must come after the volume in the group), then retry with roseha cleanup." },
    zh: { title: "磁盘无法脱机", cause: "刷新卷缓存或将磁盘脱机失败，或之后磁盘仍处于联机状态（通常是卷上仍有打开的文件）。", remedy: "确保使用该卷的服务和进程已先停止（它们在组中必须排在卷之后），然后用 roseha cleanup 重试。" },
  },
  {
    code: "RHA-E3514",
    en: { title: "Disk belongs to Failover Clustering", cause: "The disk is managed by Windows Server Failover Clustering, which owns its online state.", remedy: "Remove the disk from the Windows cluster (or do not manage it with roseha): two cluster managers must never control one disk." },
    zh: { title: "磁盘由故障转移群集管理", cause: "该磁盘由 Windows Server 故障转移群集管理，其联机状态归群集控制。", remedy: "将磁盘从 Windows 群集中移除（或不要用 roseha 管理它）：两个群集管理器绝不能同时控制同一块磁盘。" },
  },
  {
    code: "RHA-E3515",
    en: { title: "Mount is not a drive letter", cause: "On Windows a volume resource's mount must be a drive letter such as \"E:\".", remedy: "Set mount to the drive letter of the data volume, for example mount = \"E:\"." },
    zh: { title: "挂载点不是盘符", cause: "在 Windows 上，卷资源的 mount 必须是盘符，例如 \"E:\"。", remedy: "将 mount 设为数据卷的盘符，例如 mount = \"E:\"。" },
  },
  {
    code: "RHA-E3516",
    en: { title: "Disk signature collision", cause: "The disk stays offline because its MBR signature equals another disk's (a cloned LUN or snapshot).", remedy: "Give the disk a new signature or use GPT, and never present a clone of the shared LUN to the cluster nodes." },
    zh: { title: "磁盘签名冲突", cause: "该磁盘的 MBR 签名与另一块磁盘相同（克隆的 LUN 或快照），因此保持脱机。", remedy: "为磁盘更换签名或改用 GPT，并且不要把共享 LUN 的克隆映射给群集节点。" },
  },
  {
    code: "RHA-E3517",
    en: { title: "Drive letter in use", cause: "The volume came back without a drive letter and the configured letter belongs to another volume on this node.", remedy: "Free the letter on this node (Disk Management) or choose another letter for the resource on both nodes." },
    zh: { title: "盘符已被占用", cause: "卷联机后没有盘符，而所配置的盘符在本节点上已被其他卷占用。", remedy: "在本节点释放该盘符（磁盘管理），或在两个节点上为该资源改用其他盘符。" },
  },
  {
    code: "RHA-E3519",
    en: { title: "Disk could not be brought online", cause: "Clearing the read-only attribute or bringing the disk online failed, or the disk is still offline or read-only afterwards.", remedy: "Read the Windows message (--full); check the SAN policy (Get-StorageSetting), MPIO, and that the other node has released the disk." },
    zh: { title: "磁盘无法联机", cause: "清除只读属性或将磁盘联机失败，或之后磁盘仍为脱机或只读。", remedy: "阅读 Windows 消息（--full）；检查 SAN 策略（Get-StorageSetting）、MPIO，以及另一节点是否已释放磁盘。" },
  },
  {
    code: "RHA-E3520",
    en: { title: "Address is on another interface", cause: "The virtual IP address is already configured on a different interface of this node.", remedy: "Remove the address from the other interface (Remove-NetIPAddress) or correct the resource's interface." },
    zh: { title: "地址位于其他网卡", cause: "该虚拟 IP 地址已配置在本节点的另一块网卡上。", remedy: "从另一块网卡上删除该地址（Remove-NetIPAddress），或更正资源的 interface。" },
  },
  {
    code: "RHA-E3521",
    en: { title: "Duplicate address: possible split brain", cause: "Windows' duplicate address detection found another host answering for the virtual IP; the address was removed again and the group is not started here.", remedy: "Find who holds the address (arp -a on a neighbour, the other node's status). If it is the peer, both nodes think they are active: check every heartbeat link before anything else." },
    zh: { title: "地址冲突：可能脑裂", cause: "Windows 重复地址检测发现另一台主机在应答该虚拟 IP；地址已被撤除，组不会在本节点启动。", remedy: "查明谁持有该地址（在邻近主机上执行 arp -a，查看对端状态）。若是对端节点，说明两节点都认为自己是活动节点：请首先检查所有心跳链路。" },
  },
  {
    code: "RHA-E3522",
    en: { title: "Duplicate address detection did not finish", cause: "The virtual IP stayed Tentative (or disappeared) instead of becoming Preferred within the timeout; it was removed again.", remedy: "Check the interface's link and the DadTransmits setting (Get-NetIPInterface); raise start_timeout_ms if the network is slow." },
    zh: { title: "重复地址检测未完成", cause: "虚拟 IP 在时限内一直处于 Tentative（或消失），未变为 Preferred；地址已被撤除。", remedy: "检查网卡链路和 DadTransmits 设置（Get-NetIPInterface）；若网络较慢，请增大 start_timeout_ms。" },
  },
  {
    code: "RHA-E3523",
    en: { title: "Interface uses DHCP", cause: "The interface for the virtual IP gets its address from DHCP; Windows does not mix DHCP and static addresses on one interface.", remedy: "Give the interface a static primary address on both nodes." },
    zh: { title: "网卡使用 DHCP", cause: "承载虚拟 IP 的网卡通过 DHCP 获取地址；Windows 不允许在同一网卡上混用 DHCP 与静态地址。", remedy: "在两个节点上为该网卡配置静态主地址。" },
  },
  {
    code: "RHA-E3524",
    en: { title: "Interface not found", cause: "No IPv4 interface on this node has the configured name (InterfaceAlias).", remedy: "Compare the resource's interface with Get-NetIPInterface -AddressFamily IPv4 on both nodes; the names must match exactly." },
    zh: { title: "找不到网卡", cause: "本节点没有名称（InterfaceAlias）与配置相同的 IPv4 网卡。", remedy: "在两个节点上用 Get-NetIPInterface -AddressFamily IPv4 核对资源的 interface；名称必须完全一致。" },
  },
  {
    code: "RHA-E3525",
    en: { title: "Virtual IP could not be added", cause: "New-NetIPAddress failed.", remedy: "Read the Windows message (--full); check administrator rights and the interface's configuration." },
    zh: { title: "无法添加虚拟 IP", cause: "New-NetIPAddress 执行失败。", remedy: "阅读 Windows 消息（--full）；检查管理员权限和网卡配置。" },
  },
  {
    code: "RHA-E3526",
    en: { title: "Virtual IP could not be removed", cause: "Remove-NetIPAddress failed, so the address may still answer on this node.", remedy: "Remove it by hand (Remove-NetIPAddress -IPAddress ADDRESS) before the other node takes over, and read the Windows message (--full)." },
    zh: { title: "无法删除虚拟 IP", cause: "Remove-NetIPAddress 执行失败，该地址可能仍在本节点应答。", remedy: "在另一节点接管前手动删除（Remove-NetIPAddress -IPAddress 地址），并阅读 Windows 消息（--full）。" },
  },
  {
    code: "RHA-E3530",
    en: { title: "Service not found", cause: "No Windows service has the configured name (the service name, not its display name).", remedy: "Use the Name column of Get-Service on both nodes in the resource's service setting." },
    zh: { title: "找不到服务", cause: "没有名称与配置相同的 Windows 服务（应为服务名，而非显示名称）。", remedy: "在资源的 service 设置中使用两个节点上 Get-Service 显示的 Name 列。" },
  },
  {
    code: "RHA-E3531",
    en: { title: "Service start timed out", cause: "The service did not reach Running within the start timeout.", remedy: "Look at the service's own log and the System event log; raise start_timeout_ms if it is just slow." },
    zh: { title: "服务启动超时", cause: "服务未在启动时限内进入 Running 状态。", remedy: "查看服务自身日志和系统事件日志；若只是启动较慢，请增大 start_timeout_ms。" },
  },
  {
    code: "RHA-E3532",
    en: { title: "Service stop timed out", cause: "The service did not stop in time and could not be killed safely (its process is shared with other services or would not die).", remedy: "Stop it by hand, then run roseha cleanup; consider giving the service its own process (sc.exe config NAME type= own)." },
    zh: { title: "服务停止超时", cause: "服务未能按时停止，且无法安全地强制结束（其进程与其他服务共享或无法结束）。", remedy: "手动停止该服务后执行 roseha cleanup；可考虑让该服务使用独立进程（sc.exe config 名称 type= own）。" },
  },
  {
    code: "RHA-E3533",
    en: { title: "Service is disabled", cause: "The service's startup type is Disabled, so Windows refuses to start it.", remedy: "Set its startup type to Manual on both nodes (Set-Service -Name NAME -StartupType Manual): roseha, not Windows, decides where it runs." },
    zh: { title: "服务已禁用", cause: "服务的启动类型为“已禁用”，Windows 拒绝启动它。", remedy: "在两个节点上将其启动类型设为“手动”（Set-Service -Name 名称 -StartupType Manual）：由 roseha 而非 Windows 决定它在哪里运行。" },
  },
  {
    code: "RHA-E3534",
    en: { title: "Service failed to start", cause: "Starting the service failed, or it stopped again while starting.", remedy: "Look at the System event log (Service Control Manager events) and the service's own log." },
    zh: { title: "服务启动失败", cause: "启动服务失败，或服务在启动过程中又停止了。", remedy: "查看系统事件日志（服务控制管理器事件）及服务自身日志。" },
  },
  {
    code: "RHA-E3536",
    en: { title: "Service could not be stopped", cause: "Stopping the service failed.", remedy: "Read the Windows message (--full); check administrator rights and dependent services." },
    zh: { title: "服务无法停止", cause: "停止服务失败。", remedy: "阅读 Windows 消息（--full）；检查管理员权限和依赖服务。" },
  },
  {
    code: "RHA-E3540",
    en: { title: "Process could not be started", cause: "Windows refused to create the process (Win32_Process.Create returned an error: access denied, path not found, invalid parameter…).", remedy: "Check that the program path exists on this node and that the working directory exists." },
    zh: { title: "进程无法启动", cause: "Windows 拒绝创建该进程（Win32_Process.Create 返回错误：拒绝访问、找不到路径、参数无效等）。", remedy: "确认本节点上程序路径和工作目录都存在。" },
  },
  {
    code: "RHA-E3541",
    en: { title: "Process exited at once", cause: "The process was created but had already exited half a second later.", remedy: "Run the command by hand on this node to see why it stops (arguments, missing files, environment)." },
    zh: { title: "进程立即退出", cause: "进程已创建，但半秒后就已退出。", remedy: "在本节点手动运行该命令，查看其退出原因（参数、缺失文件、环境变量）。" },
  },
  {
    code: "RHA-E3542",
    en: { title: "Program path must be absolute", cause: "On Windows a process resource's program (the first element of command) must be an absolute path without quotes.", remedy: "Write the full path, for example command = [\"C:\\\\App\\\\app.exe\", \"--serve\"]." },
    zh: { title: "程序路径必须为绝对路径", cause: "在 Windows 上，进程资源的程序（command 的第一个元素）必须是不含引号的绝对路径。", remedy: "写出完整路径，例如 command = [\"C:\\\\App\\\\app.exe\", \"--serve\"]。" },
  },
  {
    code: "RHA-E3543",
    en: { title: "Process would not die", cause: "The process tree was still running after taskkill /T /F.", remedy: "Find what holds it (a debugger, a driver call, another account's protection) and end it by hand; then run roseha cleanup." },
    zh: { title: "进程无法结束", cause: "执行 taskkill /T /F 后进程树仍在运行。", remedy: "查明阻止其结束的原因（调试器、驱动调用、其他账户的保护）并手动结束，然后执行 roseha cleanup。" },
  },
  {
    code: "RHA-E3550",
    en: { title: "Script type not supported on Windows", cause: "A script resource on Windows must be a .ps1, .cmd, .bat, .exe or .com file.", remedy: "Point path at a file of one of those types (wrap other interpreters in a .ps1)." },
    zh: { title: "Windows 不支持该脚本类型", cause: "Windows 上的脚本资源必须是 .ps1、.cmd、.bat、.exe 或 .com 文件。", remedy: "将 path 指向上述类型之一的文件（其他解释器可用 .ps1 包装）。" },
  },
  {
    code: "RHA-E3551",
    en: { title: "Unsafe argument for a batch file", cause: "cmd.exe interprets characters such as & | < > ^ % ! ( ) \" and spaces in its command line, so roseha refuses to pass such a path or argument to a .cmd/.bat script.", remedy: "Use plain words (letters, digits, _ . : \\ / @ + -) or a path without spaces, or write the script as .ps1, which receives arguments as literal strings." },
    zh: { title: "批处理参数不安全", cause: "cmd.exe 会解释命令行中的 & | < > ^ % ! ( ) \" 和空格等字符，因此 roseha 拒绝把这样的路径或参数传给 .cmd/.bat 脚本。", remedy: "只使用简单字符（字母、数字、_ . : \\ / @ + -）和不含空格的路径，或改写为 .ps1 脚本（其参数按字面字符串传入）。" },
  },
  {
    code: "RHA-E3552",
    en: { title: "Script action failed", cause: "The resource script's start or stop exited with a code other than 0 (or 7 for stop).", remedy: "Run the script by hand with the same argument on this node and read its output." },
    zh: { title: "脚本操作失败", cause: "资源脚本的 start 或 stop 以非 0（stop 时非 0 或 7）的退出码结束。", remedy: "在本节点用相同参数手动运行脚本并查看输出。" },
  },
  {
    code: "RHA-E3553",
    en: { title: "Script action timed out", cause: "The resource script did not finish its start or stop within the timeout and was killed.", remedy: "Make the script return promptly (start work in the background) or raise start_timeout_ms / stop_timeout_ms." },
    zh: { title: "脚本操作超时", cause: "资源脚本的 start 或 stop 未在时限内完成并被终止。", remedy: "让脚本尽快返回（把工作放到后台），或增大 start_timeout_ms / stop_timeout_ms。" },
  },
  {
    code: "RHA-E3560",
    en: { title: "Heartbeat disk could not be opened", cause: "The disk heartbeat helper could not open the raw device for unbuffered, write-through I/O, or it reports an unusable sector size.", remedy: "Check the [heartbeat] disk path (\\\\.\\PhysicalDriveN or \\\\.\\HarddiskXPartitionY), administrator rights, and that the disk is not read-only on this node." },
    zh: { title: "无法打开心跳磁盘", cause: "磁盘心跳助手无法以无缓冲、直写方式打开原始设备，或设备报告的扇区大小不可用。", remedy: "检查 [heartbeat] 的 disk 路径（\\\\.\\PhysicalDriveN 或 \\\\.\\HarddiskXPartitionY）、管理员权限，以及该磁盘在本节点上是否为只读。" },
  },
  {
    code: "RHA-E3561",
    en: { title: "Heartbeat disk I/O failed", cause: "A raw read or write of the disk heartbeat area failed or was short.", remedy: "Check the storage path of this node (cables, HBA, iSCSI session, MPIO); a failing disk heartbeat also tells roseha this node's storage is broken." },
    zh: { title: "心跳磁盘读写失败", cause: "对磁盘心跳区域的原始读写失败或不完整。", remedy: "检查本节点的存储路径（线缆、HBA、iSCSI 会话、MPIO）；磁盘心跳失败也会让 roseha 判定本节点存储故障。" },
  },
  {
    code: "RHA-E3562",
    en: { title: "Unaligned heartbeat I/O", cause: "A disk heartbeat read or write was not aligned to the slot size; this is a bug in roseha.", remedy: "Report it with the log lines around it." },
    zh: { title: "心跳读写未对齐", cause: "磁盘心跳读写未按槽位大小对齐；这是 roseha 的缺陷。", remedy: "请附上前后的日志行报告此问题。" },
  },
  {
    code: "RHA-E3563",
    en: { title: "Heartbeat disk I/O hung", cause: "The disk heartbeat helper did not answer within the disk timeout; it was killed and will be restarted.", remedy: "Treat it as a storage fault on this node: check the storage path and the System event log (disk, storport, iScsiPrt events)." },
    zh: { title: "心跳磁盘读写挂起", cause: "磁盘心跳助手未在磁盘时限内应答，已被终止并将重启。", remedy: "按本节点存储故障处理：检查存储路径和系统事件日志（disk、storport、iScsiPrt 事件）。" },
  },
  {
    code: "RHA-E3564",
    en: { title: "Heartbeat disk helper exited", cause: "The PowerShell process doing the disk heartbeat I/O exited unexpectedly; it is restarted on the next request.", remedy: "If it repeats, read its stderr in the agent log; antivirus software blocking Add-Type compilation is a known cause." },
    zh: { title: "心跳磁盘助手退出", cause: "执行磁盘心跳读写的 PowerShell 进程意外退出；下次请求时会重启。", remedy: "若反复出现，请在 agent 日志中查看其 stderr；杀毒软件阻止 Add-Type 编译是已知原因之一。" },
  },
];
