/**
 * A chart on screen -> a standalone SVG file, and that SVG -> a PNG at twice its size.
 *
 * The chart's `<svg>` leans on the page: layerchart's stylesheet and the app's CSS variables colour it
 * (`fill: var(--text)`), the body gives its font, and a pattern (the unrated hatch) may be defined in another `<svg>`
 * of the page. A copy of its markup alone would draw black shapes in a serif font. So each element of the copy gets
 * the computed values of the properties that paint SVG, written as presentation attributes (`fill="rgb(…)"`), every
 * `url(#id)` it uses is copied into its `<defs>`, and the copy is wrapped with a title and the chart's legend (HTML
 * on the page) above it and the export's source and attribution below, on a white background, with an explicit
 * width, height and viewBox. layerchart's hover highlight is left out.
 *
 * The PNG draws that SVG (as a `blob:` URL, which the policy's `img-src 'self' data: blob:` allows) into an `<img>`,
 * then onto a canvas. An SVG image without `<foreignObject>` or outside references does not taint the canvas, so
 * `toBlob` works.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
export const SVG_MIME = 'image/svg+xml;charset=utf-8';
export const PNG_MIME = 'image/png';

/** Properties that change how SVG paints; their computed values are written onto the copy. */
const PAINT_PROPERTIES = [
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'visibility',
  'display',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'shape-rendering',
  // A nested <svg> (layerchart wraps each axis label in one) clips by default; the page's CSS lets labels overflow.
  'overflow'
] as const;

/** Sizes in px of the title, legend and credit line (in the page's own font stack, written on the file's root). */
const TITLE_SIZE = 15;
const CREDIT_SIZE = 11;
const CREDIT_LINE = 15;
const TITLE_LINE = 20;
const LEGEND_SIZE = 12;
const LEGEND_LINE = 18;
const MARGIN = 12;

/**
 * Text in lines of at most `chars` characters, broken between words (a word longer than a line is cut). SVG text does
 * not wrap by itself, and a long attribution would run off the image; the width of a character is estimated, since
 * the file cannot measure the font it will be read with.
 */
export function wrap(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    for (let rest = word; rest !== ''; ) {
      const piece = rest.slice(0, chars);
      rest = rest.slice(piece.length);
      if (line === '') line = piece;
      else if (line.length + 1 + piece.length <= chars) line += ` ${piece}`;
      else {
        lines.push(line);
        line = piece;
      }
    }
  }
  if (line !== '') lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/** A key of the chart's colours: on the page it is HTML beside the chart, so the file draws its own. */
export interface LegendItem {
  label: string;
  /** Any CSS colour (a `var(--…)` is resolved where the chart is), or `url(#pattern)` of a pattern on the page. */
  color: string;
}

export interface ChartImageText {
  /** Above the chart, e.g. "Active provisions per category, by severity". */
  title: string;
  /** Below it: where the numbers come from, e.g. "Data: ToS;DR · CC BY-SA 3.0 · …". */
  credit: string;
  /** Drawn under the title. */
  legend?: readonly LegendItem[];
}

export interface ChartSvg {
  text: string;
  width: number;
  height: number;
}

/**
 * The chart's drawing inside a frame: layerchart's SVG layers (a chart may stack more than one, e.g. marks and a
 * highlight layer), else the first `<svg>` (a chart drawn by hand).
 */
export function chartSvgElements(frame: Element): SVGSVGElement[] {
  const layers = [...frame.querySelectorAll<SVGSVGElement>('svg.lc-layout-svg')].filter((svg) => !svg.parentElement?.closest('svg'));
  const first = frame.querySelector<SVGSVGElement>('svg');
  const found = layers.length > 0 ? layers : first ? [first] : [];
  if (found.length === 0) throw new Error('The chart has no SVG drawing to save (is it still loading?)');
  return found;
}

/** layerchart's marks of the point under the pointer (a hover state, not the chart): left out of the file. */
const HOVER_MARK = /\blc-highlight-/;
const DROP = 'data-termscope-drop';

/** Copies each paint property's computed value of `from` onto `to` (and the same for their children, in order). */
function inlineStyles(from: Element, to: Element): void {
  if (HOVER_MARK.test(from.getAttribute('class') ?? '')) {
    to.setAttribute(DROP, '');
    return;
  }
  const style = getComputedStyle(from);
  for (const property of PAINT_PROPERTIES) {
    const value = style.getPropertyValue(property);
    if (value !== '') to.setAttribute(property, value);
  }
  // layerchart places axis labels and groups with CSS transforms (in `style`); the computed matrix includes the
  // element's own transform attribute, so it replaces it.
  const transform = style.getPropertyValue('transform');
  if (transform !== '' && transform !== 'none') to.setAttribute('transform', transform);
  // The classes and inline styles only pointed at the page's CSS (and its variables), which the file does not have.
  to.removeAttribute('class');
  to.removeAttribute('style');
  const a = from.children;
  const b = to.children;
  for (let i = 0; i < a.length && i < b.length; i++) inlineStyles(a[i]!, b[i]!);
}

/** `url(#id)` references in the copy whose targets are outside it: copied (with their own styles) into `<defs>`. */
function copyReferencedDefs(copy: Element, doc: Document): void {
  const wanted = new Set<string>();
  for (const el of [copy, ...copy.querySelectorAll('*')]) {
    for (const attribute of ['fill', 'stroke', 'clip-path', 'mask', 'filter']) {
      const match = /url\(["']?#([^"')]+)["']?\)/.exec(el.getAttribute(attribute) ?? '');
      if (match) wanted.add(match[1]!);
    }
  }
  const defs = doc.createElementNS(SVG_NS, 'defs');
  for (const id of wanted) {
    if (copy.querySelector(`[id="${CSS.escape(id)}"]`)) continue;
    const target = doc.getElementById(id);
    if (!target) continue;
    const clone = target.cloneNode(true) as Element;
    inlineStyles(target, clone);
    defs.append(clone);
  }
  if (defs.childNodes.length > 0) copy.append(defs);
}

function textElement(doc: Document, text: string, attributes: Record<string, string | number>): SVGTextElement {
  const el = doc.createElementNS(SVG_NS, 'text');
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
  el.textContent = text;
  return el;
}

/**
 * The standalone SVG file of a chart on screen: its layers (the first sets the size; the others keep their place over
 * it) with their look inlined, a title above and the credit line below, on white, sized as drawn.
 */
export function chartSvg(layers: readonly SVGSVGElement[], { title, credit, legend: legendItems = [] }: ChartImageText): ChartSvg {
  const svg = layers[0];
  if (!svg) throw new Error('The chart has no SVG drawing to save (is it still loading?)');
  const doc = svg.ownerDocument;
  const box = svg.getBoundingClientRect();
  const chartWidth = Math.round(box.width || Number(svg.getAttribute('width')) || 0);
  const chartHeight = Math.round(box.height || Number(svg.getAttribute('height')) || 0);
  if (!(chartWidth > 0 && chartHeight > 0)) throw new Error('The chart has no size yet (is it hidden or still loading?)');
  // A title longer than the chart is wide goes on more lines (character widths estimated, as for the credit).
  const titleLines = wrap(title, Math.max(20, Math.floor(chartWidth / (TITLE_SIZE * 0.6))));
  const legendTop = MARGIN + TITLE_SIZE + (titleLines.length - 1) * TITLE_LINE + 10;
  const legend = layoutLegend(svg, legendItems, chartWidth);
  const top = legendTop + legend.height;

  const copies = layers.map((layer) => {
    const at = layer.getBoundingClientRect();
    const copy = layer.cloneNode(true) as SVGSVGElement;
    inlineStyles(layer, copy);
    for (const hover of copy.querySelectorAll(`[${DROP}]`)) hover.remove();
    copy.removeAttribute('role');
    copy.removeAttribute('debug');
    const width = Math.round(at.width || chartWidth);
    const height = Math.round(at.height || chartHeight);
    copy.setAttribute('x', String(MARGIN + Math.round(at.left - box.left)));
    copy.setAttribute('y', String(top + Math.round(at.top - box.top)));
    copy.setAttribute('width', String(width));
    copy.setAttribute('height', String(height));
    if (!copy.hasAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
    copy.setAttribute('overflow', 'visible');
    return copy;
  });

  const width = chartWidth + 2 * MARGIN;
  const creditTop = top + chartHeight + 10;
  const creditLines = wrap(credit, Math.max(20, Math.floor((width - 2 * MARGIN) / (CREDIT_SIZE * 0.56))));
  const height = creditTop + creditLines.length * CREDIT_LINE + MARGIN;
  const font = getComputedStyle(svg).fontFamily || 'system-ui, sans-serif';

  const root = doc.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('font-family', font);
  const titleEl = doc.createElementNS(SVG_NS, 'title');
  titleEl.textContent = title;
  root.append(titleEl);
  const background = doc.createElementNS(SVG_NS, 'rect');
  for (const [k, v] of Object.entries({ x: 0, y: 0, width, height, fill: '#ffffff' })) background.setAttribute(k, String(v));
  root.append(background);
  titleLines.forEach((line, i) =>
    root.append(textElement(doc, line, { x: MARGIN, y: MARGIN + TITLE_SIZE + i * TITLE_LINE, 'font-size': TITLE_SIZE, 'font-weight': 600, fill: '#1d2330' }))
  );
  root.append(...legend.draw(doc, MARGIN, legendTop));
  root.append(...copies);
  creditLines.forEach((line, i) =>
    root.append(textElement(doc, line, { x: MARGIN, y: creditTop + CREDIT_SIZE + i * CREDIT_LINE, 'font-size': CREDIT_SIZE, fill: '#5b6475' }))
  );

  copyReferencedDefs(root, doc);
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}\n`;
  return { text, width, height };
}

/** A colour as the page paints it: CSS variables resolved beside the chart (a `url(#…)` fill is kept). */
function resolveColor(near: Element, color: string): string {
  if (color.startsWith('url(')) return color;
  const probe = near.ownerDocument.createElement('span');
  probe.style.color = color;
  (near.parentElement ?? near.ownerDocument.body).append(probe);
  const resolved = getComputedStyle(probe).color;
  probe.remove();
  return resolved || color;
}

/** The legend in rows: a swatch and its label per item, wrapped to the chart's width (label widths estimated). */
function layoutLegend(near: Element, items: readonly LegendItem[], width: number) {
  const placed: { item: LegendItem; color: string; x: number; row: number }[] = [];
  let x = 0;
  let row = 0;
  for (const item of items) {
    const w = LEGEND_SIZE + 5 + Math.ceil(item.label.length * LEGEND_SIZE * 0.56) + 16;
    if (x > 0 && x + w > width) {
      row++;
      x = 0;
    }
    placed.push({ item, color: resolveColor(near, item.color), x, row });
    x += w;
  }
  const rows = items.length === 0 ? 0 : row + 1;
  return {
    height: rows * LEGEND_LINE + (rows > 0 ? 4 : 0),
    draw(doc: Document, left: number, top: number): Element[] {
      return placed.flatMap(({ item, color, x, row }) => {
        const y = top + row * LEGEND_LINE;
        const swatch = doc.createElementNS(SVG_NS, 'rect');
        for (const [k, v] of Object.entries({ x: left + x, y, width: LEGEND_SIZE, height: LEGEND_SIZE, rx: 2, fill: color, stroke: '#b9bfca', 'stroke-width': 0.5 })) {
          swatch.setAttribute(k, String(v));
        }
        const label = textElement(doc, item.label, { x: left + x + LEGEND_SIZE + 5, y: y + LEGEND_SIZE - 2, 'font-size': LEGEND_SIZE, fill: '#1d2330' });
        return [swatch, label];
      });
    }
  };
}

/** The SVG drawn at `scale` times its size into a PNG. */
export async function svgToPng({ text, width, height }: ChartSvg, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([text], { type: SVG_MIME }));
  try {
    const image = new Image(width, height);
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw on a canvas, so the PNG cannot be made (the SVG can)');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the PNG'))), PNG_MIME)
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
