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
];
