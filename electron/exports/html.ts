// Text from a project made safe to place in HTML (element content or a quoted attribute): the exports that
// write HTML (bibliography page, evidence report, quote citations, TimelineJS slides) all escape through this.
export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
