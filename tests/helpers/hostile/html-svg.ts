// SVG inside web pages: SVG has its own scripts, event attributes, animations that rewrite links, external
// references (use, image, feImage) and a way back into HTML (foreignObject). Saved as .html pages.
import { aroundWords, type HtmlCaseMaker } from './html-page';

const svg = (inner: string, attributes = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"${attributes}>${inner}</svg>`;

export const SVG_CASES: HtmlCaseMaker[] = [
  (p) => ({ category: 'svg', description: 'svg onload', before: svg('', ` onload="${p.js('svg-onload')}"`) }),
  (p) => ({
    category: 'svg',
    description: 'svg script element',
    before: svg(`<script>${p.js('svg-script')}</script>`),
  }),
  (p) => ({
    category: 'svg',
    description: 'svg script with xlink href',
    before: svg(
      `<script xlink:href="${p.url('svg-script-href')}"></script><script href="${p.dataHtml('svg-data-script')}"></script>`,
    ),
  }),
  (p) => ({
    category: 'svg',
    description: 'animate onbegin and onend',
    before: svg(
      `<animate onbegin="${p.js('onbegin')}" onend="${p.js('onend')}" attributeName="x" dur="1ms"/>`,
    ),
  }),
  (p) => ({
    category: 'svg',
    description: 'set rewriting a link to javascript',
    before: svg(
      `<a><set attributeName="href" to="${p.jsUrl('set')}"/><text x="0" y="10">Set link</text></a>`,
    ),
  }),
  (p) => ({
    category: 'svg',
    description: 'animate values rewriting a link',
    before: svg(
      `<a xlink:href="#"><animate attributeName="xlink:href" values="${p.jsUrl('animate-values')}" begin="0s" fill="freeze"/><text x="0" y="10">Animated link</text></a>`,
    ),
  }),
  (p) => ({
    category: 'svg',
    description: 'foreignObject with HTML inside',
    before: svg(
      `<foreignObject width="10" height="10"><body xmlns="http://www.w3.org/1999/xhtml"><iframe src="${p.url('foreign-iframe')}"></iframe><img src="x" onerror="${p.js('foreign-img')}"/><script>${p.js('foreign-script')}</script></body></foreignObject>`,
    ),
  }),
  (p) => ({
    category: 'svg',
    description: 'use pointing at a data SVG and the attacker',
    before: svg(`<use href="${p.dataSvg('use-data')}#x"/><use xlink:href="${p.url('use-external')}#x"/>`),
  }),
  (p) => ({
    category: 'svg',
    description: 'image and feImage from the attacker',
    before: svg(
      `<image href="${p.url('svg-image')}" width="5" height="5"/><filter id="f"><feImage xlink:href="${p.url('feimage')}"/></filter>`,
    ),
  }),
  (p) => ({
    category: 'svg',
    description: 'svg style importing from the attacker',
    before: svg(
      `<style>@import url(${p.url('svg-style')});</style><rect style="fill:url(${p.url('fill')})"/>`,
    ),
  }),
  (p) => ({
    category: 'svg',
    description: 'svg handlers on shapes and discard',
    before: svg(
      `<rect width="9" height="9" onmouseover="${p.js('rect')}" onclick="${p.js('rect-click')}"/><discard onbegin="${p.js('discard')}"/>`,
    ),
  }),
  (p) => ({
    category: 'svg',
    description: 'svg around the sentence text',
    sentence: aroundWords(
      '4 May 2022',
      (w) =>
        `${w}${svg(`<a xlink:href="${p.jsUrl('inline-svg')}"><text x="0" y="9">.</text></a>`, ` onload="${p.js('inline-onload')}"`)}`,
    ),
  }),
  (p) => ({
    category: 'svg',
    description: 'math with xlink href and maction',
    before: `<math xmlns:xlink="http://www.w3.org/1999/xlink"><maction actiontype="statusline" xlink:href="${p.jsUrl('maction')}"><mtext>Formula</mtext></maction><mi href="${p.url('mi')}">x</mi></math>`,
  }),
  (p) => ({
    category: 'svg',
    description: 'svg entity and namespace tricks',
    before: svg(
      `<a xlink:href="&#106;avascript:${p.js('svg-entity')}"><text x="0" y="9">Entity</text></a><svg:script xmlns:svg="http://www.w3.org/2000/svg">${p.js('prefixed')}</svg:script>`,
    ),
  }),
  (p) => ({
    category: 'svg',
    description: 'svg title and desc carrying markup',
    before: svg(
      `<title>&lt;img src=x onerror=${p.js('svg-title')}&gt;</title><desc><![CDATA[<script>${p.js('desc')}</script>]]></desc>`,
    ),
  }),
];
