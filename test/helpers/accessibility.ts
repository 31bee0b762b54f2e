import type { Page } from 'playwright-core';

/** The sizes a mode asks for, in CSS px (docs/ACCESSIBILITY.md); line height ≥ 1.3 and contrast ≥ 4.5:1 hold in every mode. */
export interface Rules {
  minText: number;
  minTarget: number;
}

export interface Measurement {
  /** Each broken rule, in words: what, where, the measured value and the rule. */
  violations: string[];
  texts: number;
  targets: number;
  minText: number;
  minLineHeight: number;
  minContrast: number;
  /** The shorter side of the smallest target. */
  minTargetSide: number;
}

export const MIN_LINE_HEIGHT = 1.3;
export const MIN_CONTRAST = 4.5;

/**
 * Measures the page Taro's h5 router is showing (its last visible `.taro_page`) and the tab bar, in the
 * page itself. Left out, each because the rule is not about it:
 * - the demo identity bar (`.demo-bar`): the local h5 build's switch for tests and demos, absent on weapp;
 * - Taro's h5 title bar (`.taro-navigation-bar`): the browser's stand-in for WeChat's own, native title bar;
 * - hidden elements (no box, `visibility: hidden`, inside `aria-hidden`), disabled controls (WCAG exempts
 *   inactive ones from contrast), and text over an image (its background is not a colour).
 * Tap targets are the controls (buttons, inputs, switches, pickers, links) and every element given an `onClick`.
 */
export function measurePage(page: Page, rules: Rules): Promise<Measurement> {
  return page.evaluate(
    ({ rules, minLineHeight, minContrast }) => {
      const violations: string[] = [];
      const pages = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none');
      const roots: HTMLElement[] = [pages[pages.length - 1]];
      const tabBar = document.querySelector<HTMLElement>('.weui-tabbar');
      if (tabBar && tabBar.getBoundingClientRect().height > 0) roots.push(tabBar);
      const viewportWidth = document.documentElement.clientWidth;
      const excluded = (el: Element) => Boolean(el.closest('.demo-bar, .taro-navigation-bar, [aria-hidden="true"]'));
      const shown = (el: Element) => {
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return box.width > 0 && box.height > 0 && style.visibility !== 'hidden';
      };
      const describe = (el: Element) => {
        const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 24);
        return `${el.tagName.toLowerCase()}${cls}${text ? ` "${text}"` : ''}`;
      };
      /** Taro's h5 components are web components that React wraps: an `onClick` is a prop of the wrapper, the element's parent fiber. */
      const hasOnClick = (el: Element) => {
        const key = Object.keys(el).find((k) => k.startsWith('__reactFiber'));
        const fiber = key
          ? (el as unknown as Record<string, { memoizedProps?: { onClick?: unknown }; return?: { memoizedProps?: { onClick?: unknown } } }>)[key]
          : undefined;
        return typeof fiber?.memoizedProps?.onClick === 'function' || typeof fiber?.return?.memoizedProps?.onClick === 'function';
      };
      const disabled = (el: Element) => {
        const control = el.closest('[disabled]');
        return Boolean(control && control.getAttribute('disabled') !== 'false');
      };

      type Rgba = [number, number, number, number];
      const parse = (color: string): Rgba | undefined => {
        const m = /rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)(?:[,/]\s*([\d.]+%?))?\)/.exec(color);
        if (!m) return undefined;
        const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
        return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
      };
      const over = (top: Rgba, bottom: Rgba): Rgba => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1) as Rgba;
      /** The colour behind `el`: its and its ancestors' backgrounds composed down to the first opaque one; undefined over an image. */
      const background = (el: Element): Rgba | undefined => {
        const layers: Rgba[] = [];
        for (let node: Element | null = el; node; node = node.parentElement) {
          const style = getComputedStyle(node);
          if (style.backgroundImage !== 'none' || node.tagName === 'IMG' || node.tagName === 'CANVAS') return undefined;
          const bg = parse(style.backgroundColor);
          if (bg && bg[3] > 0) layers.push(bg);
          if (bg && bg[3] >= 1) break;
        }
        return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
      };
      const opacity = (el: Element) => {
        let product = 1;
        for (let node: Element | null = el; node; node = node.parentElement) product *= parseFloat(getComputedStyle(node).opacity);
        return product;
      };
      const luminance = (c: Rgba) => {
        const [r, g, b] = [0, 1, 2].map((i) => {
          const v = c[i] / 255;
          return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const contrast = (a: Rgba, b: Rgba) => {
        const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (hi + 0.05) / (lo + 0.05);
      };
      const round = (n: number) => Math.round(n * 10) / 10;

      // Text: every visible run of text, by the element that holds it.
      let texts = 0;
      let minText = Infinity;
      let minLine = Infinity;
      let minSeenContrast = Infinity;
      const seen = new Set<Element>();
      for (const root of roots) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const el = node.parentElement;
          if (!el || !node.textContent?.trim() || seen.has(el) || excluded(el) || !shown(el)) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          if (range.getClientRects().length === 0) continue;
          seen.add(el);
          texts++;
          const style = getComputedStyle(el);
          const size = parseFloat(style.fontSize);
          minText = Math.min(minText, size);
          if (size < rules.minText - 0.05) violations.push(`text ${describe(el)}: ${round(size)} px < ${rules.minText} px`);
          const lineHeight = style.lineHeight === 'normal' ? 1.2 : parseFloat(style.lineHeight) / size;
          minLine = Math.min(minLine, lineHeight);
          if (lineHeight < minLineHeight - 0.005) violations.push(`line height ${describe(el)}: ${lineHeight.toFixed(2)} < ${minLineHeight}`);
          const bg = background(el);
          const ink = parse(style.color);
          if (bg && ink && !disabled(el)) {
            const ratio = contrast(over([ink[0], ink[1], ink[2], ink[3] * opacity(el)], bg), bg);
            minSeenContrast = Math.min(minSeenContrast, ratio);
            if (ratio < minContrast)
              violations.push(
                `contrast ${describe(el)}: ${ratio.toFixed(2)}:1 < ${minContrast}:1 (${style.color} on rgb(${bg.slice(0, 3).map(Math.round).join(', ')}))`,
              );
          }
          // Clipped: text cut off inside a box that hides its overflow.
          if (el.scrollWidth > el.clientWidth + 1 && style.overflowX !== 'visible')
            violations.push(`clipped ${describe(el)}: ${el.scrollWidth} px of text in ${el.clientWidth} px`);
        }
      }

      // Targets and overflow: every element of the page.
      const targetSelector =
        'taro-button-core, button, input, textarea, taro-input-core, taro-textarea-core, taro-switch-core, taro-checkbox-core, taro-radio-core, taro-picker-core, a[href], [role="button"], .weui-tabbar__item';
      let targets = 0;
      let minTargetSide = Infinity;
      const targetBoxes: { el: Element; box: DOMRect }[] = [];
      for (const root of roots) {
        for (const el of Array.from(root.querySelectorAll('*'))) {
          if (excluded(el) || !shown(el)) continue;
          const box = el.getBoundingClientRect();
          if (box.right > viewportWidth + 1 || box.left < -1)
            violations.push(`overflow ${describe(el)}: spans ${Math.round(box.left)}–${Math.round(box.right)} px of a ${viewportWidth} px screen`);
          const isTarget = el.matches(targetSelector) || hasOnClick(el);
          // A control inside another (Taro's <input> inside taro-input-core) is measured once, as the outer one.
          if (!isTarget || (el.parentElement && el.parentElement.closest(targetSelector) && el.matches('input, textarea, button'))) continue;
          targets++;
          minTargetSide = Math.min(minTargetSide, box.width, box.height);
          if (box.width < rules.minTarget - 0.5 || box.height < rules.minTarget - 0.5) {
            violations.push(`target ${describe(el)}: ${round(box.width)}×${round(box.height)} px < ${rules.minTarget}×${rules.minTarget} px`);
          }
          // The tab bar stays at the bottom of the screen: an item reaching below it is cut off.
          if (el.closest('.weui-tabbar') && box.bottom > window.innerHeight + 0.5)
            violations.push(`clipped ${describe(el)}: reaches ${round(box.bottom)} px on a ${window.innerHeight} px screen`);
          else if (getComputedStyle(el).position !== 'fixed' && !el.closest('.weui-tabbar')) targetBoxes.push({ el, box });
        }
      }
      // Overlap: two targets, neither inside the other, sharing more than a pixel.
      for (let i = 0; i < targetBoxes.length; i++) {
        for (let j = i + 1; j < targetBoxes.length; j++) {
          const a = targetBoxes[i];
          const b = targetBoxes[j];
          if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
          const w = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
          const h = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
          if (w > 1 && h > 1) violations.push(`overlap ${describe(a.el)} and ${describe(b.el)}: ${round(w)}×${round(h)} px`);
        }
      }
      if (document.documentElement.scrollWidth > document.documentElement.clientWidth) {
        violations.push(`overflow: the page is ${document.documentElement.scrollWidth} px wide on a ${document.documentElement.clientWidth} px screen`);
      }
      return {
        violations: Array.from(new Set(violations)),
        texts,
        targets,
        minText: minText === Infinity ? 0 : round(minText),
        minLineHeight: minLine === Infinity ? 0 : minLine,
        minContrast: minSeenContrast === Infinity ? 0 : minSeenContrast,
        minTargetSide: minTargetSide === Infinity ? 0 : round(minTargetSide),
      };
    },
    { rules, minLineHeight: MIN_LINE_HEIGHT, minContrast: MIN_CONTRAST },
  );
}
