// The payloads that took over Electron note-taking apps (Joplin, Boostnote, Notable, Mark Text, Typora,
// Obsidian, VS Code's Markdown preview): Node's require from an event handler, <webview>, file:, smb: and
// custom-scheme links for shell.openExternal, window.open, same-origin calls to the app's own API. Then the
// mutation-XSS classics that broke sanitisers by parsing differently the second time, hostile page metadata,
// and Unicode that tries to move the words under a highlight.
import { aroundWords, type HtmlCaseMaker } from './html-page';
import { escapeHtml } from './payloads';

export const ELECTRON_CASES: HtmlCaseMaker[] = [
  (p) => ({
    category: 'electron',
    description: 'require child_process from onerror',
    before: `<img src="x" onerror="try{require(\`child_process\`).exec(\`xcalc\`)}catch{};${p.js('require')}">`,
  }),
  (p) => ({
    category: 'electron',
    description: 'process.mainModule and top.require',
    before:
      `<img src="x" onerror="try{process.mainModule.require(\`child_process\`).exec(\`gnome-calculator\`)}catch{};${p.js('mainmodule')}">` +
      `<iframe src="javascript:top.require(\`child_process\`).exec(\`xcalc\`);${p.js('top-require')}"></iframe>`,
  }),
  (p) => ({
    category: 'electron',
    description: 'webview with node integration and a preload',
    before: `<webview src="${p.url('webview')}" nodeintegration preload="file:///tmp/evil.js" allowpopups webpreferences="sandbox=no"></webview>`,
  }),
  (p) => ({
    category: 'electron',
    description: 'shell.openExternal on file and UNC paths',
    before:
      `<img src="x" onerror="try{require(\`electron\`).shell.openExternal(\`file:///C:/Windows/System32/calc.exe\`)}catch{};${p.js('open-external')}">` +
      `<p><a href="file:///C:/Windows/System32/calc.exe">Calculator</a> <a href="\\\\${p.host}\\share\\x.exe">Share</a> <a href="file://${p.host}/share/x.exe">Remote file</a></p>`,
  }),
  (p) => ({
    category: 'electron',
    description: 'smb and custom protocol links',
    sentence: aroundWords('harbour inquiry', (w) => `<a href="smb://${p.host}/share/report.exe">${w}</a>`),
    after:
      `<p><a href="ms-msdt:/id PCWDiagnostic /skip force /param &quot;IT_RebrowseForFile=?&quot;">Diagnostics</a> ` +
      `<a href="search-ms:query=x&amp;crumb=location:\\\\${p.host}\\share">Search</a> <a href="vscode://file/etc/passwd">Editor</a> ` +
      `<a href="ms-officecmd:{}">Office</a> <a href="app://dossier/../../etc/passwd">App</a> <a href="dossier://open?x=1">Own scheme</a></p>`,
  }),
  (p) => ({
    category: 'electron',
    description: 'window.open and target blank',
    before:
      `<img src="x" onerror="window.open(\`${p.url('window-open')}\`);${p.js('window-open')}">` +
      `<p><a href="${p.url('blank')}" target="_blank" rel="opener">New window</a></p>`,
  }),
  (p) => ({
    category: 'electron',
    description: 'calls to the app own API and bridge',
    before: `<img src="x" onerror="try{fetch(\`/api/documents.list\`,{method:\`POST\`,body:\`{}\`});window.dossierBridge.invoke(\`documents.list\`,{})}catch{};${p.js('own-api')}">`,
  }),
  (p) => ({
    category: 'electron',
    description: 'ipcRenderer and remote module',
    before: `<svg onload="try{require(\`electron\`).ipcRenderer.send(\`open\`,\`file:///etc/passwd\`);require(\`electron\`).remote.BrowserWindow}catch{};${p.js('ipc')}"></svg>`,
  }),
  (p) => ({
    category: 'electron',
    description: 'file URLs in frames and images',
    before: `<iframe src="file:///etc/passwd"></iframe><img src="file:///etc/hostname" onerror="${p.js('file-img')}"><link rel="stylesheet" href="file:///etc/passwd">`,
  }),
  (p) => ({
    category: 'electron',
    description: 'note-app style payload in a heading',
    before: `<h2>Notes <img src=x onerror=${p.js('heading')}></h2><p>Heading payloads were how Joplin and Boostnote fell.</p>`,
  }),
  (p) => ({
    category: 'electron',
    description: 'preview refresh to a local file',
    head: `<meta http-equiv="refresh" content="0;url=file:///etc/passwd">`,
    before: `<a href="command:workbench.action.terminal.new">Terminal</a> <a href="${p.url('look-alike')}@127.0.0.1">Look-alike</a>`,
  }),
  (p) => ({
    category: 'electron',
    description: 'prototype pollution through page data',
    head: `<meta name="author" content="__proto__"><meta property="og:title" content="constructor">`,
    before: `<div id="__proto__" data-polluted="1" name="toString">Polluted names.</div><form name="documentElement"></form><a name="__proto__" href="${p.jsUrl('proto')}">Proto</a>`,
  }),
];

export const MXSS_CASES: HtmlCaseMaker[] = [
  (p) => ({
    category: 'mxss',
    description: 'noscript attribute breakout',
    // Parsed without scripting, the noscript stays open to the end of the page: the payload comes last.
    after: `<noscript><p title="</noscript><img src=x onerror=${p.js('noscript')}>"></noscript>`,
  }),
  (p) => ({
    category: 'mxss',
    description: 'svg style breakout',
    before: `<svg></p><style><a id="</style><img src=1 onerror=${p.js('svg-style')}>">`,
    after: '</svg>',
  }),
  (p) => ({
    category: 'mxss',
    description: 'math mglyph style (DOMPurify bypass)',
    after: `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${p.js('mglyph')}></style></mglyph></form></mtext></math></form>`,
  }),
  (p) => ({
    category: 'mxss',
    description: 'title and textarea breakouts',
    before: `<title><img src=x onerror=${p.js('title')}></title><textarea><img src=x onerror=${p.js('textarea')}></textarea>`,
  }),
  (p) => ({
    category: 'mxss',
    description: 'template content',
    before: `<template><img src=x onerror=${p.js('template')}><script>${p.js('template-script')}</script></template>`,
  }),
  (p) => ({
    category: 'mxss',
    description: 'xmp and listing raw text',
    before: `<xmp><img src=x onerror=${p.js('xmp')}></xmp>`,
    payloadAsText: true,
  }),
  (p) => ({
    category: 'mxss',
    description: 'noembed and noframes',
    before: `<noembed><img src=x onerror=${p.js('noembed')}></noembed><noframes><img src=x onerror=${p.js('noframes')}></noframes>`,
  }),
  (p) => ({
    category: 'mxss',
    description: 'comment breakouts',
    before: `<!--><img src=x onerror=${p.js('comment')}>--><!--[if]><script>${p.js('conditional')}</script><![endif]--><?xml ?><img src=x onerror=${p.js('pi')}>`,
  }),
  (p) => ({
    category: 'mxss',
    description: 'CDATA in svg',
    before: `<svg><![CDATA[><image xlink:href="]]><img src=xx:x onerror=${p.js('cdata')}//"></svg>`,
  }),
  (p) => ({
    category: 'mxss',
    description: 'select and option breakout',
    before: `<select><option><style></option></select><img src=x onerror=${p.js('select')}></style></option></select>`,
  }),
  (p) => ({
    category: 'mxss',
    description: 'namespace confusion with foreign content',
    before: `<math><mi><table><mi><style><img src=x onerror=${p.js('namespace')}></style></mi></table></mi></math>`,
  }),
  (p) => ({
    category: 'mxss',
    description: 'backtick and entity attribute tricks',
    before: `<img src="x\` \`<script>${p.js('backtick')}</script>"\` \`><img src=x onerror&#x3d;${p.js('entity-eq')}><a href="&#0000106avascript:${p.js('leading-zeros')}">Zeros</a>`,
  }),
  (p) => ({
    category: 'mxss',
    description: 'escaped markup shown as text',
    before: `<p>${escapeHtml(`<script>${p.js('escaped')}</script><img src=x onerror=${p.js('escaped-img')}>`)}</p>`,
    payloadAsText: true,
  }),
  (p) => ({
    category: 'mxss',
    description: 'plaintext to the end of the page',
    trailer: `<plaintext><script>${p.js('plaintext')}</script>`,
    payloadAsText: true,
  }),
];

export const METADATA_CASES: HtmlCaseMaker[] = [
  (p) => ({
    category: 'metadata',
    description: 'markup in meta tags',
    head:
      `<meta property="og:site_name" content="<img src=x onerror=${p.js('site')}>">` +
      `<meta name="author" content="<script>${p.js('author')}</script>">` +
      `<meta property="og:url" content="${p.jsUrl('og-url')}"><meta property="og:image" content="${p.url('og-image')}">`,
  }),
  (p) => ({
    category: 'metadata',
    description: 'javascript canonical and citation URL',
    head: `<link rel="canonical" href="${p.jsUrl('canonical')}"><meta name="citation_pdf_url" content="${p.url('pdf')}"><meta name="citation_public_url" content="data:text/html,x">`,
  }),
  (p) => ({
    category: 'metadata',
    description: 'bylines and times with handlers',
    before: `<p class="byline" onmouseover="${p.js('byline')}">By <a rel="author" href="${p.jsUrl('author-link')}">Ana Souza</a></p><time datetime="2022-05-04" onclick="${p.js('time')}">4 May 2022</time>`,
  }),
];

export const UNICODE_CASES: HtmlCaseMaker[] = [
  () => ({
    category: 'unicode',
    description: 'bidirectional overrides near the sentence',
    before: '<p>Reference \u202eexe.txt\u202c and \u2067isolated\u2069 text.</p>',
    after: '<p dir="rtl">\u05d4\u05e0\u05de\u05dc \u2066The harbour\u2069 inquiry.</p>',
  }),
  () => ({
    category: 'unicode',
    description: 'null bytes and control characters',
    before: '<p>Nul\u0000 byte, bell\u0007, escape\u001b[31m red.</p>',
    sentence: aroundWords('idle', (w) => `${w}<!--\u0000-->`),
  }),
  () => ({
    category: 'unicode',
    description: 'zero-width and soft hyphen characters around the sentence',
    before: '<p>Zero\u200bwidth, joiner\u200d, soft\u00adhyphen, BOM\ufeff inside.</p>',
    sentence: aroundWords('The harbour', (w) => `\u200b${w}`),
  }),
  () => ({
    category: 'unicode',
    description: 'combining characters and lone surrogates',
    before: '<p>Zalgo h\u0336\u0335e\u0334\u0337 comes, a lone &#xD800; surrogate and &#x110000; beyond.</p>',
  }),
];
