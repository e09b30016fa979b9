import { FONT_FAMILY } from './chartParts';

/**
 * Saving a chart: as standalone SVG text, or (browser only) as a PNG.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** The chart's size in px: width/height attributes, else its viewBox, else 640×400. */
function sizeOf(svg: SVGSVGElement): { width: number; height: number } {
  const vb = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  const width = parseFloat(svg.getAttribute('width') ?? '') || (vb.length === 4 ? vb[2] : 0) || 640;
  const height = parseFloat(svg.getAttribute('height') ?? '') || (vb.length === 4 ? vb[3] : 0) || 400;
  return { width, height };
}

/**
 * Serialises a chart as a standalone SVG document: a copy with the SVG
 * namespaces, explicit width/height, and the font family written on the root
 * (from its attribute, else the page's computed font, else system-ui) so it
 * renders the same outside the page. Focus and button roles are dropped: the
 * file is a picture.
 */
export function svgToString(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const { width, height } = sizeOf(svg);
  if (!copy.hasAttribute('xmlns')) copy.setAttributeNS(XMLNS_NS, 'xmlns', SVG_NS);
  if (copy.querySelector('[href]') || copy.innerHTML.includes('xlink:')) copy.setAttributeNS(XMLNS_NS, 'xmlns:xlink', XLINK_NS);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  if (!copy.getAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  let family = svg.getAttribute('font-family') ?? '';
  if (!family && typeof getComputedStyle === 'function' && svg.isConnected) family = getComputedStyle(svg).fontFamily;
  copy.setAttribute('font-family', family || FONT_FAMILY);
  for (const el of copy.querySelectorAll('[tabindex]')) {
    el.removeAttribute('tabindex');
    if (el.getAttribute('role') === 'button') el.removeAttribute('role');
  }
  return new XMLSerializer().serializeToString(copy);
}

/**
 * Browser only (needs Image, canvas and URL.createObjectURL; not available in
 * Node or jsdom): renders the chart onto a white canvas at `scale` times its
 * size and resolves with a PNG blob.
 */
export function svgToPngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const { width, height } = sizeOf(svg);
  const url = URL.createObjectURL(new Blob([svgToString(svg)], { type: 'image/svg+xml;charset=utf-8' }));
  return new Promise<Blob>((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      try {
        const canvas = document.createElement('canvas');
        canvas.width = Math.round(width * scale);
        canvas.height = Math.round(height * scale);
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('Canvas 2D is not available');
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
        canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('Could not make the PNG'))), 'image/png');
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      } finally {
        URL.revokeObjectURL(url);
      }
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('Could not draw the chart as an image'));
    };
    img.src = url;
  });
}
