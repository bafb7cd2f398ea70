// The console's HTML shell: the login form and empty regions. It holds no cluster data (it is
// served without the token); everything shown after sign-in comes from the API with the token.

export const pageHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>roseha console</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/console/style.css">
</head>
<body>
<div class="topbar">
  <span class="brand">roseha</span>
  <span id="summary"></span>
  <button type="button" id="mute" aria-pressed="false"></button>
  <button type="button" id="lang"></button>
  <button type="button" id="logout" class="signed-in-only" data-t="logout"></button>
</div>
<form id="login" hidden>
  <h1 data-t="loginHeading"></h1>
  <label for="token" data-t="loginToken"></label>
  <input id="token" name="token" type="password" autocomplete="off" spellcheck="false">
  <p id="login-error" role="alert"></p>
  <button type="submit" id="login-submit" data-t="loginSubmit"></button>
  <p class="hint" data-t="loginHint"></p>
</form>
<div id="app" hidden>
  <div id="banner" hidden></div>
  <div id="maintenance" hidden></div>
  <main>
    <div>
      <h2 data-t="nodes"></h2>
      <div id="topology"></div>
      <h2 data-t="groups"></h2>
      <div id="groups"></div>
    </div>
    <aside>
      <section class="panel"><h2 data-t="faults"></h2><div id="faults"></div></section>
      <section class="panel"><h2 data-t="events"></h2><div id="events"></div></section>
    </aside>
  </main>
</div>
<div id="result" role="status" hidden></div>
<dialog id="confirm">
  <form method="dialog">
    <h2 data-t="confirmTitle"></h2>
    <p id="confirm-text"></p>
    <menu>
      <button value="cancel" data-t="confirmCancel"></button>
      <button value="ok" id="confirm-ok" data-t="confirmOk"></button>
    </menu>
  </form>
</dialog>
<script src="/console/strings.js"></script>
<script src="/console/view.js"></script>
<script src="/console/app.js"></script>
</body>
</html>
`;
