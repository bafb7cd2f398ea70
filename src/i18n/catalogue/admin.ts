import type { CatalogueEntry } from '../types.js';

/** Remote administration (TLS API), alerts, config sync and the OS service: RHA-x5200..5499. */
export const adminCodes: CatalogueEntry[] = [
  // ---- remote API over TLS (5200–5219) ----
  {
    code: 'RHA-E5201',
    en: { title: 'The API token file holds no usable token', cause: 'The file named by api.token_file is empty or shorter than 16 characters.', remedy: 'Delete it and run `roseha config init` again (it creates a new random token, mode 0600), then copy it to the other node and to the machines that administer the cluster.' },
    zh: { title: 'API 令牌文件中没有可用的令牌', cause: 'api.token_file 指定的文件为空或少于 16 个字符。', remedy: '删除该文件并重新运行 `roseha config init`（会生成新的随机令牌，权限 0600），然后将其复制到另一个节点和管理集群的机器。' },
  },
  {
    code: 'RHA-E5202',
    en: { title: 'The API certificate or its key is missing', cause: 'An API token exists, so remote administration is wanted, but api.cert_file or api.key_file cannot be read. The API is never served over the network without TLS.', remedy: 'Run `roseha config init` (it creates the missing certificate and key without touching the config), or copy api.crt and api.key from the other node: both nodes use the same certificate.' },
    zh: { title: '缺少 API 证书或其私钥', cause: '存在 API 令牌，表示需要远程管理，但无法读取 api.cert_file 或 api.key_file。API 绝不会在没有 TLS 的情况下通过网络提供。', remedy: '运行 `roseha config init`（会创建缺少的证书和私钥，不改动配置），或从另一个节点复制 api.crt 和 api.key：两个节点使用同一证书。' },
  },
  {
    code: 'RHA-E5203',
    en: { title: 'The agent\'s certificate does not match the pinned fingerprint', cause: 'The certificate the agent presented is not the one expected (--fingerprint, ROSEHA_FINGERPRINT, this node\'s own certificate, or the known_hosts entry). Nothing was sent, not even the token.', remedy: 'If the certificate was replaced on purpose (`roseha config init` on a new machine), check the new fingerprint on the node (`openssl x509 -noout -fingerprint -sha256 -in api.crt`) and pass it once with --fingerprint. Otherwise another machine answers at that address: find out why.' },
    zh: { title: '代理的证书与固定的指纹不符', cause: '代理出示的证书不是预期的证书（--fingerprint、ROSEHA_FINGERPRINT、本节点自己的证书或 known_hosts 中的记录）。没有发送任何内容，包括令牌。', remedy: '如果证书是有意更换的（在新机器上运行了 `roseha config init`），请在节点上核对新指纹（`openssl x509 -noout -fingerprint -sha256 -in api.crt`），并用 --fingerprint 传入一次。否则说明该地址上应答的是另一台机器：请查明原因。' },
  },
  {
    code: 'RHA-E5204',
    en: { title: 'Unknown agent: its certificate is not pinned yet', cause: 'This is the first connection to this host:port and no fingerprint was given, so the certificate cannot be trusted (it is self-signed).', remedy: 'Compare the fingerprint in the message with the one `roseha config init` printed on the node, then pass it once with --fingerprint (it is saved in known_hosts), or set ROSEHA_ACCEPT_NEW=1 to trust and save it on first use.' },
    zh: { title: '未知代理：其证书尚未固定', cause: '这是第一次连接该 host:port，且未给出指纹，因此无法信任该证书（自签名证书）。', remedy: '将消息中的指纹与节点上 `roseha config init` 打印的指纹比对，然后用 --fingerprint 传入一次（会保存到 known_hosts），或设置 ROSEHA_ACCEPT_NEW=1 在首次使用时信任并保存。' },
  },
  {
    code: 'RHA-E5205',
    en: { title: 'Malformed certificate fingerprint', cause: 'The value of --fingerprint or ROSEHA_FINGERPRINT is not a SHA-256 fingerprint.', remedy: 'Give 64 hexadecimal digits, with or without colons, optionally prefixed with "sha256:" (as openssl, certutil or `roseha config init` print it).' },
    zh: { title: '证书指纹格式错误', cause: '--fingerprint 或 ROSEHA_FINGERPRINT 的值不是 SHA-256 指纹。', remedy: '给出 64 位十六进制数字，可带或不带冒号，可加 "sha256:" 前缀（与 openssl、certutil 或 `roseha config init` 的输出相同）。' },
  },
  {
    code: 'RHA-I5206',
    en: { title: 'Remote API listening over TLS', cause: 'The agent serves its API on api.bind:api.port over HTTPS; every request needs the token. The log line gives the certificate\'s fingerprint.', remedy: 'Nothing to do. Give remote operators the fingerprint so that they can pin it.' },
    zh: { title: '远程 API 已通过 TLS 监听', cause: '代理在 api.bind:api.port 上以 HTTPS 提供 API；每个请求都需要令牌。日志行给出证书指纹。', remedy: '无需操作。将指纹交给远程操作员以便固定。' },
  },
  {
    code: 'RHA-W5207',
    en: { title: 'Remote API off', cause: 'There is no API token file (api.token_file), so the agent serves its API only on the local socket: `roseha --host`, the peer\'s config sync and remote tools cannot reach it.', remedy: 'Run `roseha config init` to create the token, certificate and key, copy them to the other node, and restart the agent.' },
    zh: { title: '远程 API 未开启', cause: '没有 API 令牌文件（api.token_file），代理只在本地套接字上提供 API：`roseha --host`、对端的配置同步和远程工具都无法访问。', remedy: '运行 `roseha config init` 生成令牌、证书和私钥，复制到另一个节点，然后重启代理。' },
  },
  {
    code: 'RHA-E5208',
    en: { title: 'The remote API cannot listen', cause: 'The TLS listener could not bind api.bind:api.port: another program holds the port, or the address is not on this machine.', remedy: 'Free the port or change api.port / api.bind (with `roseha config push`); the local socket keeps working.' },
    zh: { title: '远程 API 无法监听', cause: 'TLS 监听无法绑定 api.bind:api.port：端口被其他程序占用，或该地址不在本机上。', remedy: '释放端口或修改 api.port / api.bind（用 `roseha config push`）；本地套接字仍然可用。' },
  },
  // ---- alerts (5220–5239) ----
  {
    code: 'RHA-W5220',
    en: { title: 'An alert channel failed', cause: 'An alert could not be delivered by one channel: the SMTP server refused or was unreachable, the event log refused the entry, or the alert script failed or timed out. The other channels still got the alert.', remedy: 'The log line names the channel and the reason. Check alerts.email (server, port, tls), the event source (`roseha service install` registers it on Windows) or the script, then run `roseha alert test`.' },
    zh: { title: '告警通道发送失败', cause: '某个通道未能发出告警：SMTP 服务器拒绝或无法连接、事件日志拒绝写入，或告警脚本失败或超时。其他通道仍会收到告警。', remedy: '日志行给出了通道和原因。检查 alerts.email（服务器、端口、tls）、事件源（Windows 上由 `roseha service install` 注册）或脚本，然后运行 `roseha alert test`。' },
  },
  {
    code: 'RHA-W5221',
    en: { title: 'No sound can be played on this node', cause: 'alerts.sound is on, but this Linux node has neither a sound file (alerts.sound_file, or the desktop\'s alarm sound) nor a working player (paplay, aplay). The alert is only a log line.', remedy: 'Install pulseaudio-utils or alsa-utils and set alerts.sound_file, or turn alerts.sound off on servers without a speaker.' },
    zh: { title: '本节点无法播放声音', cause: 'alerts.sound 已开启，但这台 Linux 节点既没有声音文件（alerts.sound_file 或桌面的警报声音），也没有可用的播放程序（paplay、aplay）。告警只是一行日志。', remedy: '安装 pulseaudio-utils 或 alsa-utils 并设置 alerts.sound_file；或在没有扬声器的服务器上关闭 alerts.sound。' },
  },
  {
    code: 'RHA-I5222',
    en: { title: 'Alert sent', cause: 'An event that matters (a takeover, a lock, a link down or up, a failed resource, a config change, a dead peer…) was sent by one alert channel.', remedy: 'Nothing to do; alerts.throttle_s limits repeats of the same code and group.' },
    zh: { title: '告警已发送', cause: '一个重要事件（接管、锁定、链路断开或恢复、资源故障、配置变更、对端失联等）已通过一个告警通道发出。', remedy: '无需操作；alerts.throttle_s 限制同一代码和任务组的重复告警。' },
  },
  {
    code: 'RHA-I5223',
    en: { title: 'Test alert', cause: '`roseha alert test` asked every configured channel to send one test alert.', remedy: 'Check that it arrived: the mailbox, the speaker, the event log (Application, source roseha) or the script\'s output.' },
    zh: { title: '测试告警', cause: '`roseha alert test` 要求每个已配置的通道发送一条测试告警。', remedy: '确认已收到：邮箱、扬声器、事件日志（应用程序，来源 roseha）或脚本的输出。' },
  },
  {
    code: 'RHA-E5224',
    en: { title: 'No alert channel is configured', cause: '`roseha alert test` found none of alerts.email, alerts.sound, alerts.eventlog or alerts.script in the config.', remedy: 'Configure at least one channel in [alerts], push the config (`roseha config push`), and test again.' },
    zh: { title: '未配置任何告警通道', cause: '`roseha alert test` 在配置中没有找到 alerts.email、alerts.sound、alerts.eventlog 或 alerts.script。', remedy: '在 [alerts] 中至少配置一个通道，推送配置（`roseha config push`），然后再测试。' },
  },
  {
    code: 'RHA-W5225',
    en: { title: 'The SMTP password file cannot be read', cause: 'alerts.email.password_file names a file the agent cannot read, so the mail was not sent.', remedy: 'Create the file (readable by the agent\'s account only) on both nodes, or remove alerts.email.user if the server needs no login.' },
    zh: { title: '无法读取 SMTP 密码文件', cause: 'alerts.email.password_file 指定的文件代理无法读取，因此邮件未发送。', remedy: '在两个节点上创建该文件（仅代理的账户可读），如果服务器无需登录，则删除 alerts.email.user。' },
  },
  // ---- config sync (5240–5259) and service (5260–5279) ----
  {
    code: 'RHA-I5240',
    en: { title: 'Config changed', cause: 'A new config generation was committed on this node (pushed here, or by the peer in a two-phase commit); the worker restarts to apply it and adopts the running groups.', remedy: 'Nothing to do. `roseha status` shows the generation of both nodes.' },
    zh: { title: '配置已变更', cause: '新的配置版本已在本节点提交（在本节点推送，或由对端通过两阶段提交推送）；工作进程会重启以应用它，并接管正在运行的任务组。', remedy: '无需操作。`roseha status` 显示两个节点的配置版本。' },
  },
  {
    code: 'RHA-E5241',
    en: { title: 'Config conflict between the nodes', cause: 'Both nodes have the same config generation with different content: each was edited while they could not reach each other (a partition, or one node down then the other). Neither is pulled; the cluster runs on, each node on its own config.', remedy: 'Compare them with `roseha config diff`, then on the node whose config is right run `roseha config push --force`: it gets a higher generation and the other node takes it.' },
    zh: { title: '节点之间配置冲突', cause: '两个节点的配置版本号相同但内容不同：双方在无法互相联系时各自被修改过（网络分区，或一个节点停机后另一个也停机）。双方都不会拉取对方的配置；集群继续运行，各节点使用各自的配置。', remedy: '用 `roseha config diff` 比较，然后在配置正确的节点上运行 `roseha config push --force`：它会得到更高的版本号，另一个节点会采用它。' },
  },
  {
    code: 'RHA-E5242',
    en: { title: 'Push refused: the configs conflict', cause: "A config conflict (RHA-E5241) is open, so a normal push could overwrite the other side's edit without anyone choosing.", remedy: 'Check `roseha config diff`; push with --force from the node whose config should win.' },
    zh: { title: '推送被拒绝：配置冲突', cause: '存在未解决的配置冲突（RHA-E5241），普通推送可能在无人选择的情况下覆盖另一方的修改。', remedy: '查看 `roseha config diff`；在应当保留其配置的节点上用 --force 推送。' },
  },
  {
    code: 'RHA-E5243',
    en: { title: 'The new config is invalid', cause: 'The pushed or pulled config does not validate (syntax, schema or a rule), or it no longer names this node. Nothing was written; the running config stays.', remedy: 'Fix the problems listed (`roseha config validate FILE` shows them all) and push again.' },
    zh: { title: '新配置无效', cause: '推送或拉取的配置未通过校验（语法、结构或规则），或其中不再包含本节点。没有写入任何内容；当前运行的配置保持不变。', remedy: '修正列出的问题（`roseha config validate FILE` 会全部列出），然后重新推送。' },
  },
  {
    code: 'RHA-E5244',
    en: { title: 'The peer refused the new config', cause: 'In the first phase of the two-phase commit the peer answered with a refusal (the config is invalid there, it has a newer generation, or a conflict). Both nodes dropped the prepared file; nothing changed.', remedy: "Read the peer's reason in the message, fix it, and push again." },
    zh: { title: '对端拒绝了新配置', cause: '在两阶段提交的第一阶段，对端拒绝了（配置在对端无效、对端版本更新，或存在冲突）。两个节点都已丢弃准备的文件；没有任何变更。', remedy: '阅读消息中对端给出的原因，修正后重新推送。' },
  },
  {
    code: 'RHA-W5245',
    en: { title: 'The peer was not reached: it catches up later', cause: "The new config was committed on this node only, because the peer's API could not be reached (down, or the network). The peer pulls the newer generation as soon as it hears this node again.", remedy: 'Nothing to do if the peer is down; `roseha status` shows both generations until they agree.' },
    zh: { title: '未能联系对端：对端稍后会同步', cause: '新配置只在本节点提交，因为无法访问对端的 API（对端停机或网络故障）。对端重新收到本节点心跳后会立即拉取更新的版本。', remedy: '如果对端已停机则无需操作；在两者一致之前 `roseha status` 会显示双方的版本号。' },
  },
  {
    code: 'RHA-E5246',
    en: { title: "Cannot take the peer's newer config", cause: 'The peer announces a newer config generation, but fetching it failed, it does not validate here, or it arrived damaged. This node keeps running its current config and retries.', remedy: 'Read the reason in the log; fix the config and push it again from either node.' },
    zh: { title: '无法采用对端更新的配置', cause: '对端宣告了更新的配置版本，但获取失败、在本节点校验不通过，或内容损坏。本节点继续使用当前配置运行，并会重试。', remedy: '查看日志中的原因；修正配置后从任一节点重新推送。' },
  },
  {
    code: 'RHA-I5247',
    en: { title: 'Config pulled from the peer', cause: "This node was behind (it was down or cut off during a push) and took the peer's newer config generation; the worker restarts to apply it.", remedy: 'Nothing to do.' },
    zh: { title: '已从对端拉取配置', cause: '本节点的配置落后（推送时本节点停机或断开），已采用对端更新的配置版本；工作进程会重启以应用它。', remedy: '无需操作。' },
  },
  {
    code: 'RHA-E5248',
    en: { title: 'No such prepared config', cause: 'A commit named a transaction this agent has not prepared: it expired (after 60 s) or the agent restarted in between.', remedy: 'Push again.' },
    zh: { title: '没有对应的已准备配置', cause: '提交请求指定的事务本代理未准备过：已过期（60 秒后）或代理在此期间重启过。', remedy: '重新推送。' },
  },
  {
    code: 'RHA-E5249',
    en: { title: 'Push refused: a newer generation exists', cause: "The node being written to already has this generation or a newer one (another push won the race, or this node has not pulled the peer's newer config yet).", remedy: 'Wait a moment for the nodes to agree (`roseha status`), edit the current config (`roseha config edit`) and push again; --force overrides.' },
    zh: { title: '推送被拒绝：已有更新的版本', cause: '目标节点已有此版本或更新的版本（另一次推送抢先完成，或本节点尚未拉取对端更新的配置）。', remedy: '稍等片刻待两个节点一致（`roseha status`），编辑当前配置（`roseha config edit`）后重新推送；--force 可强制覆盖。' },
  },
  {
    code: 'RHA-I5250',
    en: { title: 'Config conflict resolved', cause: 'The two nodes agree on the config again.', remedy: 'Nothing to do.' },
    zh: { title: '配置冲突已解决', cause: '两个节点的配置重新一致。', remedy: '无需操作。' },
  },
  {
    code: 'RHA-I5251',
    en: { title: 'Config prepared', cause: 'The first phase of a two-phase commit: the new config was validated and written to a temporary file next to the running one, waiting for the commit.', remedy: 'Nothing to do.' },
    zh: { title: '配置已准备', cause: '两阶段提交的第一阶段：新配置已校验并写入当前配置旁的临时文件，等待提交。', remedy: '无需操作。' },
  },
  {
    code: 'RHA-E5252',
    en: { title: 'Config sync cannot reach the peer', cause: "This agent has no API token (remote API off), so it cannot reach the peer's API to compare or sync configs; or config sync is not available on the agent asked.", remedy: 'Run `roseha config init` (it creates the token, certificate and key without touching the config), copy api.token, api.crt and api.key to the other node, and restart both agents.' },
    zh: { title: '配置同步无法联系对端', cause: '本代理没有 API 令牌（远程 API 未开启），因此无法访问对端 API 来比较或同步配置；或被请求的代理不支持配置同步。', remedy: '运行 `roseha config init`（会生成令牌、证书和私钥，不改动配置），将 api.token、api.crt 和 api.key 复制到另一个节点，然后重启两个代理。' },
  },
  {
    code: 'RHA-E5253',
    en: { title: 'The config edit was not pushed', cause: 'The editor failed, or the edited file does not validate and the operator chose not to edit it again. Nothing was pushed.', remedy: 'Run `roseha config edit` again; set $EDITOR (or $VISUAL) to the editor you want.' },
    zh: { title: '编辑的配置未推送', cause: '编辑器运行失败，或编辑后的文件未通过校验且操作员选择不再编辑。没有推送任何内容。', remedy: '重新运行 `roseha config edit`；将 $EDITOR（或 $VISUAL）设为想用的编辑器。' },
  },
  {
    code: 'RHA-E5260',
    en: { title: 'Running as a service is not supported here', cause: '`roseha service` knows systemd (Linux) and WinSW (Windows); this machine has neither platform.', remedy: 'Start `roseha agent` with the service manager of this system by hand.' },
    zh: { title: '此处不支持以服务方式运行', cause: '`roseha service` 支持 systemd（Linux）和 WinSW（Windows）；本机两者都不是。', remedy: '请用本系统的服务管理器手动启动 `roseha agent`。' },
  },
  {
    code: 'RHA-E5261',
    en: { title: 'WinSW was not found', cause: '`roseha service install` on Windows needs the WinSW executable (shipped in the roseha release zip, or downloaded from the WinSW project): it is not at the path given by --winsw nor next to roseha.', remedy: 'Pass --winsw PATH\\\\TO\\\\WinSW-x64.exe; roseha copies it next to the service XML as roseha-service.exe.' },
    zh: { title: '找不到 WinSW', cause: '在 Windows 上 `roseha service install` 需要 WinSW 可执行文件（随 roseha 发布包提供，或从 WinSW 项目下载）：--winsw 指定的路径和 roseha 旁边都没有。', remedy: '传入 --winsw PATH\\\\TO\\\\WinSW-x64.exe；roseha 会将其复制到服务 XML 旁并命名为 roseha-service.exe。' },
  },
  {
    code: 'RHA-E5262',
    en: { title: 'A service command failed', cause: 'systemctl, WinSW or sc.exe exited with an error while installing, starting, stopping or removing the roseha service; the steps after it were not run.', remedy: 'Read the command and its output in the message; most often it needs root / an elevated prompt. `--dry-run` prints every step.' },
    zh: { title: '服务命令执行失败', cause: '安装、启动、停止或删除 roseha 服务时，systemctl、WinSW 或 sc.exe 返回错误；后续步骤未执行。', remedy: '查看消息中的命令及其输出；最常见的原因是需要 root 或管理员权限。`--dry-run` 会打印每个步骤。' },
  },
  {
    code: 'RHA-E5263',
    en: { title: 'Cannot write the service definition', cause: 'The systemd unit or the WinSW XML could not be written (permission denied: root or an elevated prompt is needed, or the folder does not exist).', remedy: 'Run the command as root (Linux) or from an elevated prompt (Windows); `--dry-run` shows the file it would write.' },
    zh: { title: '无法写入服务定义', cause: '无法写入 systemd 单元文件或 WinSW XML（权限不足：需要 root 或管理员权限，或目录不存在）。', remedy: '以 root（Linux）或在管理员命令提示符（Windows）下运行；`--dry-run` 会显示将写入的文件。' },
  },
];
