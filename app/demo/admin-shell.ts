/**
 * The demo's stand-in for the Shopify admin page around an embedded app: a top bar, a sidebar
 * fed by the app's <ui-nav-menu>, and the app in an iframe opened the way Shopify opens it
 * (embedded=1, shop, host and a signed id_token).
 */
export interface AdminShellOptions {
  shopName: string;
  appSrc: string;
  links: { label: string; href: string }[];
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderAdminShell({ shopName, appSrc, links }: AdminShellOptions): string {
  const extra = links
    .map((link) => `<a class="ext" href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a>`)
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(shopName)} · Cartlift (demo admin)</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>
body{margin:0;font:14px/1.4 system-ui,sans-serif;background:#f1f1f1;color:#303030;display:grid;grid-template:48px 1fr/220px 1fr;height:100vh}
header{grid-column:1/3;background:#1a1a1a;color:#e3e3e3;display:flex;align-items:center;gap:12px;padding:0 16px}
header strong{color:#fff}header .badge{background:#ffd79d;color:#4f2f00;border-radius:8px;padding:2px 8px;font-size:12px}
nav{padding:12px 8px;display:flex;flex-direction:column;gap:2px;overflow-y:auto}
nav a.app{font-weight:600;padding:6px 8px}nav a{color:#303030;text-decoration:none;padding:6px 8px 6px 20px;border-radius:8px}
nav a.active,nav a:hover{background:#fafafa}#app-nav{display:flex;flex-direction:column;gap:2px}nav a.ext{padding-left:8px;margin-top:auto}
iframe{border:0;width:100%;height:100%;background:#f1f1f1}
#toast{position:fixed;bottom:24px;left:50%;transform:translateX(-50%);background:#1a1a1a;color:#fff;padding:10px 16px;border-radius:8px;display:none}
</style></head>
<body>
<header><strong>${escapeHtml(shopName)}</strong><span>Shopify admin</span><span class="badge">Local demo: no Shopify store</span></header>
<nav aria-label="App navigation"><a class="app" id="app-home" href="#/app">Cartlift</a><div id="app-nav"></div>${extra}</nav>
<main><iframe id="app-frame" title="Cartlift" src="${escapeHtml(appSrc)}"></iframe></main>
<div id="toast" role="status"></div>
<script>
(() => {
  const frame = document.getElementById("app-frame");
  const nav = document.getElementById("app-nav");
  window.addEventListener("message", (event) => {
    if (event.origin !== location.origin || event.source !== frame.contentWindow) return;
    const data = event.data || {};
    if (data.type === "cartlift-demo:nav") {
      nav.replaceChildren(...data.links.filter((l) => !l.home).map((l) => {
        const a = document.createElement("a");
        a.href = "#" + l.href; a.textContent = l.label;
        if (l.href === data.path) a.className = "active";
        a.onclick = (e) => { e.preventDefault(); frame.contentWindow.postMessage({ type: "cartlift-demo:navigate", href: l.href }, location.origin); };
        return a;
      }));
    }
    if (data.type === "cartlift-demo:nav") {
      const home = data.links.find((l) => l.home);
      document.getElementById("app-home").onclick = (e) => { e.preventDefault(); if (home) frame.contentWindow.postMessage({ type: "cartlift-demo:navigate", href: home.href }, location.origin); };
    }
    if (data.type === "cartlift-demo:toast") {
      const toast = document.getElementById("toast");
      toast.textContent = data.message; toast.style.display = "block";
      setTimeout(() => { toast.style.display = "none"; }, 3000);
    }
  });
})();
</script>
</body></html>`;
}
