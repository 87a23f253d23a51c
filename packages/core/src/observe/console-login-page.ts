/**
 * The console's login form beyond loopback: one self-contained HTML page, no script, no file from
 * elsewhere. The form posts the admin token to `login` beside the page, so it works at any prefix.
 */

const styles = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; }
  main { width: min(22rem, 90vw); }
  h1 { font-size: 1.25rem; margin: 0 0 1rem; }
  p { margin: 0 0 1rem; line-height: 1.4; }
  label { display: block; margin-bottom: 0.25rem; }
  input, button { font: inherit; box-sizing: border-box; width: 100%; padding: 0.5rem; }
  button { margin-top: 0.75rem; cursor: pointer; }
  .refused { color: #c62828; }
`;

/**
 * The login page. `action` is where the form posts, relative to the page (`login`, or `../login`
 * from a file in a sub-folder); `refused` adds the line saying the last token was wrong.
 */
export function consoleLoginPage(action: string, refused: boolean): string {
  const message = refused
    ? '<p class="refused" role="alert">That token was refused. Check AI_GATEWAY_ADMIN_TOKEN and try again.</p>'
    : '<p>This gateway listens beyond loopback: the console needs its admin token (AI_GATEWAY_ADMIN_TOKEN).</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · AI Gateway console</title>
<style>${styles}</style>
</head>
<body>
<main>
<h1>AI Gateway console</h1>
${message}
<form method="post" action="${action}">
<label for="token">Admin token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Sign in</button>
</form>
</main>
</body>
</html>
`;
}
