// Saving the timeline for a report: the picture (TimelinePicture) written out as a standalone SVG file, or
// drawn at twice the pixel density into a PNG. Both are saved through the browser's download, which the
// desktop app turns into a save dialog. The SVG is rendered by React into a detached element and serialised
// as XML, so the file holds exactly what the screen draws, with no stylesheet or script.
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { TimelinePicture } from './TimelineSvg';
import type { TimelineScene } from './timelineScene';

/**
 * Titles are the user's text (or a PDF's): control characters are not allowed in XML at all, and a lone
 * half of a surrogate pair cannot be encoded. Both would make the file unreadable; they are dropped or
 * replaced.
 */
export function xmlSafe(markup: string): string {
  return (
    markup
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
  );
}

export function timelineSvg(scene: TimelineScene, title: string): string {
  const container = document.createElement('div');
  const root = createRoot(container);
  try {
    flushSync(() => root.render(<TimelinePicture scene={scene} title={title} />));
    const svg = container.querySelector('svg');
    if (!svg) throw new Error('The timeline could not be drawn.');
    return `<?xml version="1.0" encoding="UTF-8"?>\n${xmlSafe(new XMLSerializer().serializeToString(svg))}\n`;
  } finally {
    root.unmount();
  }
}

function svgSize(svg: string): { width: number; height: number } {
  const match = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  if (!match) throw new Error('The timeline picture has no size.');
  return { width: Number(match[1]), height: Number(match[2]) };
}

/** Browsers cap a canvas's area; a taller timeline is drawn at a lower density to fit. */
const MAX_CANVAS_PIXELS = 16_000_000;

export async function svgToPng(svg: string, density = 2): Promise<Blob> {
  const { width, height } = svgSize(svg);
  const ratio = Math.min(density, Math.sqrt(MAX_CANVAS_PIXELS / (width * height)));
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * ratio));
  canvas.height = Math.max(1, Math.round(height * ratio));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This window cannot draw pictures (no canvas).');
  context.scale(ratio, ratio);
  context.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be made.'))),
      'image/png',
    ),
  );
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once click() returns to the event loop.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "timeline-research-2026-11-27": a file name from the project's name and today's date. */
export function timelineFileName(projectName: string, today: Date): string {
  const slug = projectName
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  const date = today.toISOString().slice(0, 10);
  return slug ? `timeline-${slug}-${date}` : `timeline-${date}`;
}
