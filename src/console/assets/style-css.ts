// The console's stylesheet. State colours follow the whitepaper's monitor (§4.1): booting blue,
// active green, standby grey, faulted red, locked amber.

export const styleCss = String.raw`
:root {
  --booting: #1e6fd9; --active: #2e9d4a; --standby: #8a8f98; --faulted: #d32f2f; --locked: #e6a100;
  --bg: #f4f5f7; --card: #fff; --ink: #1d2330; --muted: #5d6675; --line: #d9dde3;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
  color: var(--ink); background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; }
[hidden] { display: none !important; }
body:not(.signed-in) .signed-in-only { display: none; }
button { font: inherit; border: 1px solid var(--line); background: #fff; border-radius: 4px; padding: 3px 10px; cursor: pointer; }
button:hover { border-color: var(--booting); }
code { font-family: ui-monospace, Consolas, monospace; font-size: 12px; }
.topbar { display: flex; align-items: center; gap: 12px; padding: 8px 16px; background: var(--ink); color: #fff; }
.topbar .brand { font-weight: 600; letter-spacing: .02em; }
.topbar #summary { flex: 1; }
.topbar button { background: transparent; color: #fff; border-color: #4a5366; }
.topbar .via { color: #b8c0cf; }
.topbar .badge { background: #fff; }
body.alarming .topbar { background: var(--faulted); }
#login { max-width: 380px; margin: 12vh auto; background: var(--card); padding: 24px; border-radius: 8px; box-shadow: 0 2px 10px #0002; }
#login h1 { font-size: 18px; margin: 0 0 16px; }
#login input { width: 100%; padding: 6px 8px; font: inherit; margin: 4px 0 12px; }
#login .hint { color: var(--muted); font-size: 12px; }
#login-error { color: var(--faulted); min-height: 1.4em; }
#banner, #maintenance { padding: 6px 16px; }
#banner.warn, #maintenance { background: #fff4d6; color: #6b4d00; }
#banner.error { background: #fde2e2; color: #8a1c1c; }
#banner.info { background: #e3efff; color: #17407a; }
main { padding: 16px; display: grid; grid-template-columns: minmax(0, 2fr) minmax(260px, 1fr); gap: 16px; }
h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 0 0 8px; }
.panel { background: var(--card); border-radius: 8px; padding: 12px 16px; box-shadow: 0 1px 3px #0001; }
#topology { display: grid; grid-template-columns: 1fr 1.3fr 1fr; gap: 12px; align-items: stretch; margin-bottom: 16px; }
.node { background: var(--card); border-radius: 8px; padding: 12px 14px; border-top: 8px solid var(--standby); box-shadow: 0 1px 3px #0001; }
.node header { display: flex; align-items: center; gap: 8px; }
.node h3 { margin: 0; font-size: 17px; }
.node .role { margin: 4px 0 8px; font-weight: 600; text-transform: uppercase; font-size: 12px; letter-spacing: .05em; }
.node dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 0 0 8px; font-size: 12px; }
.node dt { color: var(--muted); } .node dd { margin: 0; }
.node .drained { color: var(--locked); font-size: 12px; margin: 0 0 8px; }
.state-booting { border-color: var(--booting); } .node.state-booting .role { color: var(--booting); }
.state-active { border-color: var(--active); } .node.state-active .role { color: var(--active); }
.state-standby { border-color: var(--standby); } .node.state-standby .role { color: var(--standby); }
.state-faulted { border-color: var(--faulted); } .node.state-faulted .role { color: var(--faulted); }
.state-locked { border-color: var(--locked); } .node.state-locked .role { color: var(--locked); }
.node.state-faulted { background: #fff5f5; }
.node.state-booting { background: #f2f7ff; }
.badge { display: inline-block; border: 1px solid; border-radius: 10px; padding: 0 8px; font-size: 12px; }
.badge.state-active { color: var(--active); } .badge.state-faulted { color: var(--faulted); } .badge.state-locked { color: #8a6000; background: #fff4d6; }
.fault-code { background: var(--faulted); color: #fff; border-radius: 3px; padding: 0 5px; font: 11px ui-monospace, Consolas, monospace; }
.fault { outline: 3px solid var(--faulted); outline-offset: 2px; animation: pulse 1.2s ease-in-out infinite; }
g.fault { outline: none; animation: none; }
@keyframes pulse { 50% { outline-color: #d32f2f55; } }
.link-area { background: var(--card); border-radius: 8px; padding: 10px 8px; box-shadow: 0 1px 3px #0001; display: flex; flex-direction: column; }
.link-area h2 { text-align: center; }
svg.links { width: 100%; flex: 1; min-height: 140px; }
.link line { stroke-width: 5; stroke-linecap: round; }
.link text { font-size: 11px; fill: var(--muted); }
.link-up line { stroke: var(--active); }
.link-down line { stroke: var(--faulted); stroke-dasharray: 10 7; }
.link-down text { fill: var(--faulted); font-weight: 600; }
.link-off line { stroke: var(--line); stroke-dasharray: 2 6; }
.group { background: var(--card); border-radius: 8px; padding: 10px 14px; margin-bottom: 12px; border-left: 6px solid var(--active); box-shadow: 0 1px 3px #0001; }
.group.group-faulted { border-left-color: var(--faulted); }
.group.locked { border-left-color: var(--locked); }
.group header { display: flex; align-items: center; flex-wrap: wrap; gap: 8px; }
.group h3 { margin: 0; font-size: 16px; }
.actions { margin-left: auto; display: flex; gap: 6px; }
.node .actions { margin-left: 0; }
.resources { list-style: none; margin: 8px 0 0; padding: 0; }
.res { display: grid; grid-template-columns: 24px 1fr auto auto auto; gap: 8px; align-items: center; padding: 4px 0; border-top: 1px solid var(--line); }
.res-order { color: var(--muted); text-align: right; } .res-type { color: var(--muted); font-size: 12px; }
.res-state { font-size: 12px; font-weight: 600; }
.res-running .res-state { color: var(--active); } .res-failed .res-state { color: var(--faulted); }
.res-stopped .res-state, .res-unknown .res-state { color: var(--standby); }
.res-failures { color: var(--faulted); font-size: 12px; }
#faults ul, #events ol { list-style: none; margin: 0; padding: 0; }
.fault-item { border-left: 4px solid var(--locked); padding: 6px 10px; margin-bottom: 8px; background: #fffaf0; }
.fault-item.sev-E { border-left-color: var(--faulted); background: #fff5f5; }
.fault-item .message { color: var(--muted); }
.fault-item dl { margin: 4px 0 0; font-size: 12px; } .fault-item dt { font-weight: 600; } .fault-item dd { margin: 0 0 4px; }
#events { max-height: 50vh; overflow: auto; }
.ev { padding: 3px 0; border-top: 1px solid var(--line); font-size: 12px; }
.ev time { color: var(--muted); } .ev-title { font-weight: 600; } .ev-node { font-weight: 600; }
.ev.sev-warning code { color: #8a6000; } .ev.sev-error code { color: var(--faulted); }
.none { color: var(--muted); }
aside .panel { margin-bottom: 16px; }
#result { position: fixed; bottom: 16px; left: 50%; transform: translateX(-50%); padding: 8px 16px; border-radius: 6px; cursor: pointer; max-width: 80vw; box-shadow: 0 2px 10px #0003; }
#result.ok { background: #e6f5ea; color: #1d5e2e; } #result.refused { background: #fde2e2; color: #8a1c1c; }
dialog { border: none; border-radius: 8px; padding: 20px; max-width: 440px; box-shadow: 0 4px 24px #0004; }
dialog::backdrop { background: #0005; }
dialog menu { display: flex; justify-content: flex-end; gap: 8px; padding: 0; margin: 16px 0 0; }
dialog button[value=ok] { background: var(--booting); color: #fff; border-color: var(--booting); }
@media (max-width: 900px) { main { grid-template-columns: 1fr; } #topology { grid-template-columns: 1fr; } }
`;
